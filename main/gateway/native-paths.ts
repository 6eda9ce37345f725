import type { WireFormat } from '../spec/index.js';

/**
 * Where a request in each wire format goes on an upstream that speaks it natively (after the base
 * URL), for passthrough. Formats that put the model in the path (Gemini) build theirs elsewhere.
 */
export const nativePaths: Partial<Record<WireFormat, string>> = {
  'openai-chat': '/chat/completions',
  'anthropic-messages': '/messages',
  'openai-responses': '/responses',
  ollama: '/api/chat',
};
