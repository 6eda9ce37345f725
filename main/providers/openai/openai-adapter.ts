import { z } from '../../../shared/zod.js';
import { postForAnswer } from '../call-upstream.js';
import { getUpstreamJson } from '../get-upstream-json.js';
import type { ChatAdapter } from '../provider-adapter.js';
import { convertToOpenAiChat } from './convert-to-openai-chat.js';
import { decodeOpenAiResult } from './decode-openai-result.js';
import { readOpenAiError } from './openai-error.js';
import { createOpenAiStreamDecoder } from './openai-stream-decoder.js';
import { usageField } from '../usage-field.js';
import { mapOpenAiUsage } from './map-openai-usage.js';
import { latest, sniffLines } from '../stream-usage-sniffer.js';
import { openAiErrorEvent } from './openai-stream-errors.js';

/** OpenAI's model list; entries are read leniently, since compatible vendors vary. */
const modelListSchema = z.looseObject({ data: z.array(z.unknown()) });
const chatCompletionsPath = '/chat/completions';

/**
 * The OpenAI Chat Completions family: OpenAI itself and the long tail of compatible vendors
 * (presets.ts), which differ only in base URL and headers.
 * @see https://platform.openai.com/docs/api-reference/chat
 */
export const openAiAdapter: ChatAdapter = {
  family: 'openai',
  chat: true,
  nativeFormat: 'openai-chat',

  authHeaders(apiKey) {
    return { authorization: `Bearer ${apiKey}` };
  },

  encodeRequest(request, upstreamModel) {
    return { path: chatCompletionsPath, body: JSON.stringify(convertToOpenAiChat(request, upstreamModel)) };
  },

  send: postForAnswer(readOpenAiError),

  decodeResult: decodeOpenAiResult,

  usageOfResult: (body) => usageField(body, 'usage', mapOpenAiUsage),

  // The last chunk carries `usage` (asked for with stream_options.include_usage).
  sniffStreamUsage: () => sniffLines('usage', latest((event) => usageField(event, 'usage', mapOpenAiUsage)), { inBandError: openAiErrorEvent }),

  createStreamDecoder: createOpenAiStreamDecoder,

  async listModels({ endpoint, cancellation, timeoutMs }) {
    const { data } = await getUpstreamJson({
      endpoint,
      path: '/models',
      cancellation,
      timeoutMs,
      schema: modelListSchema,
      readError: readOpenAiError,
      expected: "a model list in OpenAI's {data: [...]} shape",
    });
    return data
      .map((entry) => (entry && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined))
      .filter((id): id is string => typeof id === 'string' && id.length > 0);
  },
};
