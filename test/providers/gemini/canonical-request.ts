import type { ChatRequest } from '../../../main/spec/index.js';
import { chatRequest as neutralRequest } from '../../support/chat-request.js';

/** A canonical request with every field at its neutral default, overridden by `fields`. */
export function chatRequest(fields: Partial<ChatRequest> = {}): ChatRequest {
  return neutralRequest({ model: 'gemini/gemini-2.5-flash', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }], ...fields });
}
