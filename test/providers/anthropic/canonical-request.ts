import type { ChatRequest } from '../../../main/spec/index.js';

/** A canonical request with every field at its neutral default, overridden by `fields`. */
export function chatRequest(fields: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'claude/claude-sonnet-4-6',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
    tools: [],
    toolChoice: undefined,
    parallelToolCalls: undefined,
    maxOutputTokens: 1024,
    temperature: undefined,
    topP: undefined,
    topK: undefined,
    stopSequences: [],
    seed: undefined,
    responseFormat: undefined,
    reasoning: undefined,
    stream: false,
    user: undefined,
    providerMetadata: {},
    ...fields,
  };
}
