import type { ClientFormat } from '../client-format.js';
import { applyOllamaChatPolicies, applyOllamaGeneratePolicies } from './apply-request-policies.js';
import { decodeOllamaChatRequest } from './decode-ollama-chat-request.js';
import { decodeOllamaGenerateRequest } from './decode-ollama-generate-request.js';
import { ollamaErrors } from './encode-error.js';
import { encodeOllamaChatResult, encodeOllamaGenerateResult } from './encode-ollama-result.js';
import { createOllamaStreamEncoder } from './ollama-stream-encoder.js';

/**
 * Ollama `/api/chat` (and `/v1/api/chat`) as a client format. Streams by default.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
export const ollamaChatFormat: ClientFormat = {
  id: 'ollama',
  errors: ollamaErrors,
  decodeRequest: decodeOllamaChatRequest,
  encodeResult: encodeOllamaChatResult,
  createStreamEncoder: (context) => createOllamaStreamEncoder(context, 'chat'),
  applyRequestPolicies: applyOllamaChatPolicies,
};

/**
 * Ollama `/api/generate`: the same wire format family (`id` 'ollama') with a prompt instead of
 * messages and `response` instead of `message`. Its body is not an `/api/chat` body, so it must
 * never pass through to an Ollama upstream's `/api/chat`.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-completion
 */
export const ollamaGenerateFormat: ClientFormat = {
  id: 'ollama',
  errors: ollamaErrors,
  decodeRequest: decodeOllamaGenerateRequest,
  encodeResult: encodeOllamaGenerateResult,
  createStreamEncoder: (context) => createOllamaStreamEncoder(context, 'generate'),
  applyRequestPolicies: applyOllamaGeneratePolicies,
};
