import { anthropicMessagesErrors } from './anthropic-messages/encode-error.js';
import type { ClientFormatId, ErrorEncoder } from './client-format.js';
import { geminiErrors } from './gemini/encode-error.js';
import { managementErrors } from './management/encode-error.js';
import { ollamaErrors } from './ollama/encode-error.js';
import { openAiChatErrors } from './openai-chat/encode-error.js';
import { openAiResponsesErrors } from './openai-responses/encode-error.js';

/**
 * Error envelopes by format: every client format's own, plus the management API's. Loaded
 * eagerly (they are small) since an error can happen before a format's code has loaded.
 */
export const errorEncoders: Record<ClientFormatId, ErrorEncoder> = {
  'openai-chat': openAiChatErrors,
  'anthropic-messages': anthropicMessagesErrors,
  'openai-responses': openAiResponsesErrors,
  gemini: geminiErrors,
  ollama: ollamaErrors,
  management: managementErrors,
};

/** Ollama's API lives under `/api`, beside the management API: these paths are Ollama's. */
export const ollamaPaths = new Set(['/api/chat', '/api/generate', '/api/tags', '/api/show', '/api/version', '/v1/api/chat']);

/**
 * Which envelope a request's errors use, decided by its path so that even failures before
 * routing (bad Host, bad key, oversized body) reach the client in the format it speaks.
 */
export function formatForPath(path: string): ClientFormatId {
  if (path.startsWith('/v1/messages')) return 'anthropic-messages';
  if (path.startsWith('/v1/responses')) return 'openai-responses';
  if (path.startsWith('/v1beta/')) return 'gemini';
  if (ollamaPaths.has(path)) return 'ollama';
  if (path.startsWith('/api/')) return 'management';
  return 'openai-chat';
}

export function errorEncoderFor(format: ClientFormatId): ErrorEncoder {
  return errorEncoders[format];
}
