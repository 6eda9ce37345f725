import { postForAnswer } from '../call-upstream.js';
import type { ChatAdapter } from '../provider-adapter.js';
import { convertToOllamaChat } from './convert-to-ollama-chat.js';
import { decodeOllamaResult } from './decode-ollama-result.js';
import { listOllamaModels } from './list-ollama-models.js';
import { readOllamaError } from './ollama-error.js';
import { createOllamaStreamDecoder } from './ollama-stream-decoder.js';
import { finiteFigures } from '../usage-field.js';
import type { OllamaChatChunk } from './ollama-api.js';
import { mapOllamaUsage } from './map-ollama-usage.js';
import { latest, sniffLines } from '../stream-usage-sniffer.js';
import { ollamaErrorEvent } from './ollama-stream-errors.js';

export const ollamaChatPath = '/api/chat';

/**
 * The Ollama family: a local Ollama server (keyless) or a hosted one (Bearer key). The base URL is
 * the server root, e.g. `http://127.0.0.1:11434`, without `/api`.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md
 */
export const ollamaAdapter: ChatAdapter = {
  family: 'ollama',
  chat: true,
  nativeFormat: 'ollama',

  authHeaders(apiKey): Record<string, string> {
    // A local server needs no key; the catalog may still hand an empty one.
    if (apiKey === '') return {};
    return { authorization: `Bearer ${apiKey}` };
  },

  encodeRequest(request, upstreamModel) {
    return { path: ollamaChatPath, body: JSON.stringify(convertToOllamaChat(request, upstreamModel)) };
  },

  send: postForAnswer(readOllamaError),

  decodeResult: decodeOllamaResult,

  // Ollama puts its two counts at the top level of the answer.
  usageOfResult: (body) => (body !== null && typeof body === 'object' ? finiteFigures(mapOllamaUsage(body as OllamaChatChunk)) : undefined),

  // The last NDJSON line (`done: true`) has the counts.
  sniffStreamUsage: () => sniffLines('eval_count', latest((event) => finiteFigures(mapOllamaUsage(event as OllamaChatChunk))), { objectValue: false, inBandError: ollamaErrorEvent }),

  createStreamDecoder: createOllamaStreamDecoder,

  listModels: listOllamaModels,
};
