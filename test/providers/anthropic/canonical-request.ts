import type { ChatRequest } from '../../../main/spec/index.js';
import { chatRequest as neutralRequest } from '../../support/chat-request.js';

/** A canonical request with every field at its neutral default, overridden by `fields`. */
export function chatRequest(fields: Partial<ChatRequest> = {}): ChatRequest {
  return neutralRequest({ model: 'claude/claude-sonnet-4-6', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }], maxOutputTokens: 1024, ...fields });
}
