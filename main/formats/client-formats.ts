import { anthropicMessagesFormat } from './anthropic-messages/anthropic-messages-format.js';
import type { ClientFormat } from './client-format.js';
import { geminiFormat } from './gemini/gemini-format.js';
import { ollamaChatFormat, ollamaGenerateFormat } from './ollama/ollama-format.js';
import { openAiChatFormat } from './openai-chat/openai-chat-format.js';
import { openAiResponsesFormat } from './openai-responses/openai-responses-format.js';

/** The client formats this build speaks, as an explicit literal map (Ollama has two endpoints). */
export const clientFormats = {
  'openai-chat': openAiChatFormat,
  'anthropic-messages': anthropicMessagesFormat,
  'openai-responses': openAiResponsesFormat,
  gemini: geminiFormat,
  ollama: ollamaChatFormat,
  'ollama-generate': ollamaGenerateFormat,
} satisfies Record<string, ClientFormat>;
