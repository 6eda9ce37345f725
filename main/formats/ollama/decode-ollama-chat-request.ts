import { invalidRequest } from '../../errors/gateway-error.js';
import type { ChatRequest, ToolDefinition } from '../../spec/index.js';
import { validateBody } from '../decode-json.js';
import { decodeOllamaMessages } from './decode-ollama-messages.js';
import { decodeOllamaSettings } from './decode-ollama-options.js';
import { ollamaChatRequestSchema, type OllamaTool } from './ollama-request-schema.js';

/**
 * An Ollama `/api/chat` request to the canonical hub. Ollama streams unless told otherwise: a
 * request without `stream` is a stream.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
export function decodeOllamaChatRequest(body: unknown, overrides?: { model?: string; stream?: boolean }): ChatRequest {
  const request = validateBody(ollamaChatRequestSchema, body);
  if (request.messages.length === 0) {
    throw invalidRequest("Invalid 'messages': must contain at least one message (an empty list only loads a model on an Ollama server).", 'messages');
  }
  const { metadata, ...settings } = decodeOllamaSettings(request);
  return {
    model: overrides?.model ?? request.model,
    messages: decodeOllamaMessages(request.messages),
    tools: (request.tools ?? []).map(decodeOllamaTool),
    toolChoice: undefined,
    parallelToolCalls: undefined,
    ...settings,
    stream: overrides?.stream ?? request.stream ?? true,
    user: undefined,
    providerMetadata: Object.keys(metadata).length > 0 ? { ollama: metadata } : {},
  };
}

export function decodeOllamaTool(tool: OllamaTool): ToolDefinition {
  const { name, description, parameters } = tool.function;
  return {
    name,
    description: description ?? undefined,
    inputSchema: (parameters as ToolDefinition['inputSchema'] | null | undefined) ?? { type: 'object', properties: {} },
  };
}
