import type { ChatRequest } from '../../../main/spec/index.js';

/** A canonical request with every field at its neutral default, overridden by `fields`. */
export function chatRequest(fields: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'gemini/gemini-2.5-flash',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
    tools: [],
    toolChoice: undefined,
    parallelToolCalls: undefined,
    maxOutputTokens: undefined,
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
