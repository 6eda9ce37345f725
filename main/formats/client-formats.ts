import { anthropicMessagesFormat } from './anthropic-messages/anthropic-messages-format.js';
import type { ClientFormat } from './client-format.js';
import { openAiChatFormat } from './openai-chat/openai-chat-format.js';

/** The client formats this build speaks, as an explicit literal map. */
export const clientFormats = {
  'openai-chat': openAiChatFormat,
  'anthropic-messages': anthropicMessagesFormat,
} satisfies Record<string, ClientFormat>;
