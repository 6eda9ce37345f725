import type { ChatRequest } from '../../main/spec/index.js';

/** A minimal canonical request for tests; override what the test is about. */
export function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'test/model',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }],
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
    ...overrides,
  };
}
