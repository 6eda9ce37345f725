import { callForAnswer } from '../call-upstream.js';
import type { EncodedRequest, ChatAdapter } from '../provider-adapter.js';
import { readAnthropicError } from './anthropic-error.js';
import { createAnthropicStreamDecoder } from './anthropic-stream-decoder.js';
import { decodeAnthropicResult } from './decode-anthropic-result.js';
import { encodeAnthropicRequest } from './encode-anthropic-request.js';
import { listAnthropicModels } from './list-anthropic-models.js';
import { usageField } from '../usage-field.js';
import { mapAnthropicUsage } from './map-anthropic-usage.js';
import { objectAt, sniffLines } from '../stream-usage-sniffer.js';
import { anthropicErrorEvent } from './anthropic-error.js';
import { finiteFigures } from '../usage-field.js';
import type { AnthropicUsage } from './anthropic-api.js';
import { mergeAnthropicUsage } from './map-anthropic-usage.js';

/**
 * The API version every call pins. Sent per call as well as with the key, because keyless
 * Anthropic-compatible upstreams (local proxies) need it too.
 * @see https://docs.anthropic.com/en/api/versioning
 */
export const anthropicVersion = '2023-06-01';

const versionHeader = { 'anthropic-version': anthropicVersion };

/**
 * The Anthropic Messages family.
 * @see https://docs.anthropic.com/en/api/messages
 */
export const anthropicAdapter: ChatAdapter = {
  family: 'anthropic',
  chat: true,
  nativeFormat: 'anthropic-messages',

  authHeaders(apiKey) {
    return { 'x-api-key': apiKey, ...versionHeader };
  },

  encodeRequest(request, upstreamModel): EncodedRequest {
    const { body, warnings } = encodeAnthropicRequest(request, upstreamModel);
    return { path: '/messages', body: JSON.stringify(body), warnings };
  },

  send({ endpoint, request, cancellation, timeoutMs }) {
    // On passthrough the client's own `anthropic-version` wins: the body is written for it.
    const headers = { ...versionHeader, ...request.headers };
    return callForAnswer({ endpoint, method: 'POST', path: request.path, body: request.body, headers, cancellation, timeoutMs }, readAnthropicError);
  },

  decodeResult: decodeAnthropicResult,

  usageOfResult: (body) => usageField(body, 'usage', mapAnthropicUsage),

  // message_start has the prompt figures, the last message_delta the cumulative output ones.
  sniffStreamUsage: () =>
    sniffLines('usage', (events) => {
      let usage: AnthropicUsage | undefined;
      for (const event of events) {
        const reported = objectAt(event, 'usage') ?? objectAt(objectAt(event, 'message'), 'usage');
        if (reported) usage = mergeAnthropicUsage(usage, reported as AnthropicUsage);
      }
      return usage === undefined ? undefined : finiteFigures(mapAnthropicUsage(usage));
    }, { inBandError: anthropicErrorEvent }),
  createStreamDecoder: createAnthropicStreamDecoder,

  listModels(options) {
    return listAnthropicModels({ ...options, headers: versionHeader });
  },
};
