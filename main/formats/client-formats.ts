import type { ClientFormat } from './client-format.js';

/** The client formats this build speaks (Ollama has two endpoints, so two entries). */
export type ClientFormatKey = 'openai-chat' | 'anthropic-messages' | 'openai-responses' | 'gemini' | 'ollama' | 'ollama-generate';

/**
 * An explicit literal map of loaders: a format's decoders and encoders load on its endpoint's
 * first request, so start-up time and memory pay only for the formats clients actually speak.
 */
const loaders: Record<ClientFormatKey, () => Promise<ClientFormat>> = {
  'openai-chat': async () => (await import('./openai-chat/openai-chat-format.js')).openAiChatFormat,
  'anthropic-messages': async () => (await import('./anthropic-messages/anthropic-messages-format.js')).anthropicMessagesFormat,
  'openai-responses': async () => (await import('./openai-responses/openai-responses-format.js')).openAiResponsesFormat,
  gemini: async () => (await import('./gemini/gemini-format.js')).geminiFormat,
  ollama: async () => (await import('./ollama/ollama-format.js')).ollamaChatFormat,
  'ollama-generate': async () => (await import('./ollama/ollama-format.js')).ollamaGenerateFormat,
};

const loaded = new Map<ClientFormatKey, Promise<ClientFormat>>();

/** The format, loaded once. */
export function loadClientFormat(key: ClientFormatKey): Promise<ClientFormat> {
  let format = loaded.get(key);
  if (format === undefined) {
    format = loaders[key]();
    loaded.set(key, format);
  }
  return format;
}
