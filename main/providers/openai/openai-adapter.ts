import { GatewayError } from '../../errors/gateway-error.js';
import { callUpstream, readBody } from '../call-upstream.js';
import type { ProviderAdapter } from '../provider-adapter.js';
import { convertToOpenAiChat } from './convert-to-openai-chat.js';
import { decodeOpenAiResult } from './decode-openai-result.js';
import { readOpenAiError } from './openai-error.js';
import { createOpenAiStreamDecoder } from './openai-stream-decoder.js';

const modelListLimit = 8 * 1024 * 1024;
const chatCompletionsPath = '/chat/completions';

/**
 * The OpenAI Chat Completions family: OpenAI itself and the long tail of compatible vendors
 * (presets.ts), which differ only in base URL and headers.
 * @see https://platform.openai.com/docs/api-reference/chat
 */
export const openAiAdapter: ProviderAdapter = {
  family: 'openai',
  nativeFormat: 'openai-chat',

  authHeaders(apiKey) {
    return { authorization: `Bearer ${apiKey}` };
  },

  encodeRequest(request, upstreamModel) {
    return { path: chatCompletionsPath, body: Buffer.from(JSON.stringify(convertToOpenAiChat(request, upstreamModel))) };
  },

  async send({ endpoint, request, cancellation, timeoutMs }) {
    const response = await callUpstream({ endpoint, method: 'POST', path: request.path, body: request.body, headers: request.headers, cancellation, timeoutMs });
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) return response;
    throw await readOpenAiError(response, endpoint);
  },

  decodeResult: decodeOpenAiResult,

  createStreamDecoder: createOpenAiStreamDecoder,

  async listModels({ endpoint, cancellation, timeoutMs }) {
    const response = await callUpstream({ endpoint, method: 'GET', path: '/models', cancellation, timeoutMs });
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) throw await readOpenAiError(response, endpoint);
    const raw = await readBody(response, modelListLimit);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new GatewayError({
        code: 'upstream_error',
        status: 502,
        provider: endpoint.provider,
        message: `Provider '${endpoint.provider}' returned a model list that is not JSON.`,
      });
    }
    const data = (parsed as { data?: unknown }).data;
    if (!Array.isArray(data)) {
      throw new GatewayError({
        code: 'upstream_error',
        status: 502,
        provider: endpoint.provider,
        message: `Provider '${endpoint.provider}' returned a model list without a 'data' array.`,
      });
    }
    return data
      .map((entry) => (entry && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined))
      .filter((id): id is string => typeof id === 'string' && id.length > 0);
  },
};
