import { postForAnswer } from '../call-upstream.js';
import { openAiAdapter } from '../openai/openai-adapter.js';
import { readOpenAiError } from '../openai/openai-error.js';
import type { ChatAdapter } from '../provider-adapter.js';
import { convertToResponsesRequest } from './convert-to-responses-request.js';
import { decodeResponsesResult } from './decode-responses-result.js';
import { createResponsesStreamDecoder } from './responses-stream-decoder.js';
import { usageField } from '../usage-field.js';
import { mapResponsesUsage } from './responses-api.js';
import { latest, objectAt, sniffLines } from '../stream-usage-sniffer.js';
import { responsesErrorEvent } from './responses-stream-decoder.js';

const responsesPath = '/responses';

/**
 * The OpenAI Responses family: OpenAI's `/v1/responses` and the Codex-style upstreams that speak
 * only it. Errors use OpenAI's envelope and the model list is OpenAI's `GET /models`.
 * @see https://platform.openai.com/docs/api-reference/responses
 */
export const openAiResponsesAdapter: ChatAdapter = {
  family: 'openai-responses',
  chat: true,
  nativeFormat: 'openai-responses',

  authHeaders: (apiKey) => ({ authorization: `Bearer ${apiKey}` }),

  encodeRequest(request, upstreamModel) {
    return { path: responsesPath, body: JSON.stringify(convertToResponsesRequest(request, upstreamModel)) };
  },

  send: postForAnswer(readOpenAiError),

  decodeResult: decodeResponsesResult,

  usageOfResult: (body) => usageField(body, 'usage', mapResponsesUsage),

  // response.completed (or .incomplete, .failed) carries the response with its usage.
  sniffStreamUsage: () => sniffLines('usage', latest((event) => usageField(objectAt(event, 'response'), 'usage', mapResponsesUsage)), { inBandError: responsesErrorEvent }),
  createStreamDecoder: createResponsesStreamDecoder,
  listModels: (options) => openAiAdapter.listModels(options),
};
