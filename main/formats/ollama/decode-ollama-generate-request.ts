import { invalidRequest } from '../../errors/gateway-error.js';
import type { ChatRequest, Message } from '../../spec/index.js';
import { validateBody } from '../decode-json.js';
import { userContent } from './decode-ollama-messages.js';
import { decodeOllamaSettings } from './decode-ollama-options.js';
import { ollamaGenerateRequestSchema, type OllamaGenerateRequest } from './ollama-request-schema.js';

/**
 * An Ollama `/api/generate` request as a one-turn chat: `system`, then `prompt` with its images.
 * What only the Ollama server itself can honour is a 400 naming the field: `raw` and `template`
 * (they bypass or replace the model's own prompt template, which other providers do not expose),
 * `context` (token ids of an earlier answer, meaningful to that server only) and `suffix`
 * (fill-in-the-middle). An empty prompt (Ollama's way to load a model) is a 400 as well.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-completion
 */
export function decodeOllamaGenerateRequest(body: unknown, overrides?: { model?: string; stream?: boolean }): ChatRequest {
  const request = validateBody(ollamaGenerateRequestSchema, body);
  rejectUntranslatable(request);
  const { metadata, ...settings } = decodeOllamaSettings(request);
  const messages: Message[] = [];
  if (request.system) messages.push({ role: 'system', content: [{ type: 'text', text: request.system }] });
  messages.push({ role: 'user', content: userContent({ content: request.prompt, images: request.images }, 'prompt') });
  return {
    model: overrides?.model ?? request.model,
    messages,
    tools: [],
    toolChoice: undefined,
    parallelToolCalls: undefined,
    ...settings,
    stream: overrides?.stream ?? request.stream ?? true,
    user: undefined,
    providerMetadata: Object.keys(metadata).length > 0 ? { ollama: metadata } : {},
  };
}

function rejectUntranslatable(request: OllamaGenerateRequest): void {
  if (request.raw === true) throw invalidRequest("Invalid 'raw': raw prompts bypass the model's template and cannot be routed to this provider.", 'raw');
  for (const param of ['template', 'suffix'] as const) {
    if (request[param]) throw invalidRequest(`Invalid '${param}': '${param}' is only understood by an Ollama server and cannot be routed to this provider.`, param);
  }
  if (request.context && request.context.length > 0) {
    throw invalidRequest("Invalid 'context': context token ids are only meaningful to the Ollama server that produced them; send the conversation to /api/chat instead.", 'context');
  }
  if (!request.prompt && !(request.images && request.images.length > 0)) {
    throw invalidRequest("Invalid 'prompt': must not be empty (an empty prompt only loads a model on an Ollama server).", 'prompt');
  }
}
