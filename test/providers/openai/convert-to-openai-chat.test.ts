import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../main/errors/gateway-error.js';
import { openAiAdapter } from '../../../main/providers/openai/openai-adapter.js';
import type { ChatRequest, Message } from '../../../main/spec/index.js';
import { chatRequest } from '../../support/chat-request.js';

function request(overrides: Partial<ChatRequest>): ChatRequest {
  return chatRequest({ model: 'sim/gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], ...overrides });
}

function encode(overrides: Partial<ChatRequest>, upstreamModel = 'gpt-4o-mini'): Record<string, unknown> {
  const encoded = openAiAdapter.encodeRequest(request(overrides), upstreamModel);
  assert.equal(encoded.path, '/chat/completions');
  return JSON.parse(encoded.body) as Record<string, unknown>;
}

const weatherTool = { name: 'get_weather', description: undefined, inputSchema: { type: 'object' } };

describe('openai encodeRequest', () => {
  it('sends only what the request sets, with the upstream model name', () => {
    assert.deepEqual(encode({}), { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('asks for usage whenever it streams', () => {
    const body = encode({ stream: true });
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
  });

  it('puts tool results right after the calls, one tool message each, and tool images in a user message after them', () => {
    const messages: Message[] = [
      { role: 'system', content: [{ type: 'text', text: 'Sys' }] },
      { role: 'user', content: [{ type: 'text', text: 'Shot?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Need a screenshot', signature: 'sig' },
          { type: 'text', text: 'Taking it.' },
          { type: 'tool-call', toolCallId: 'toolu_01', toolName: 'screenshot', input: '{}' },
          { type: 'tool-call', toolCallId: 'toolu_02', toolName: 'read', input: '{"p":"a"}' },
        ],
      },
      // Gemini and Anthropic clients may put the user's words before the results.
      { role: 'user', content: [{ type: 'text', text: 'Also this.' }] },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'toolu_01',
            toolName: 'screenshot',
            output: [
              { type: 'text', text: 'Captured.' },
              { type: 'file', mediaType: 'image/png', data: { kind: 'base64', base64: 'iVBO' } },
            ],
            isError: false,
          },
          { type: 'tool-result', toolCallId: 'toolu_02', toolName: 'read', output: [{ type: 'text', text: 'l1' }, { type: 'text', text: 'l2' }], isError: true },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] },
    ];
    assert.deepEqual(encode({ messages }).messages, [
      { role: 'system', content: 'Sys' },
      { role: 'user', content: 'Shot?' },
      {
        role: 'assistant',
        content: 'Taking it.',
        tool_calls: [
          { id: 'toolu_01', type: 'function', function: { name: 'screenshot', arguments: '{}' } },
          { id: 'toolu_02', type: 'function', function: { name: 'read', arguments: '{"p":"a"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_01', content: 'Captured.' },
      { role: 'tool', tool_call_id: 'toolu_02', content: 'l1\nl2' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBO' } }] },
      { role: 'user', content: 'Also this.' },
      { role: 'assistant', content: 'Done.' },
    ]);
  });

  it('sends reasoning back as reasoning_content only to DeepSeek, whose thinking mode requires it', () => {
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'Go' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Plan: ' },
          { type: 'reasoning', text: 'call ls.' },
          { type: 'tool-call', toolCallId: 'call_0', toolName: 'ls', input: '{}' },
        ],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_0', toolName: 'ls', output: [{ type: 'text', text: 'a' }], isError: false }] },
    ];
    assert.deepEqual((encode({ messages }, 'deepseek-reasoner').messages as unknown[])[1], {
      role: 'assistant',
      content: null,
      reasoning_content: 'Plan: call ls.',
      tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'ls', arguments: '{}' } }],
    });
    assert.equal('reasoning_content' in ((encode({ messages }).messages as object[])[1] ?? {}), false);
  });

  it('encodes user files: images by data URL or URL with detail, audio, PDFs as file parts', () => {
    const messages: Message[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'See' },
          { type: 'file', mediaType: 'image/jpeg', data: { kind: 'url', url: 'https://x/cat.jpg' }, providerMetadata: { openai: { imageDetail: 'low' } } },
          { type: 'file', mediaType: 'audio/mpeg', data: { kind: 'base64', base64: 'SUQz' } },
          { type: 'file', mediaType: 'application/pdf', data: { kind: 'base64', base64: 'JVBE' }, filename: 'r.pdf' },
        ],
      },
    ];
    assert.deepEqual(encode({ messages }).messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'See' },
          { type: 'image_url', image_url: { url: 'https://x/cat.jpg', detail: 'low' } },
          { type: 'input_audio', input_audio: { data: 'SUQz', format: 'mp3' } },
          { type: 'file', file: { filename: 'r.pdf', file_data: 'data:application/pdf;base64,JVBE' } },
        ],
      },
    ]);
  });

  it('refuses files an OpenAI-family upstream cannot take, as a 400', () => {
    const file = (mediaType: string, data: { kind: 'base64'; base64: string } | { kind: 'url'; url: string }) =>
      encode({ messages: [{ role: 'user', content: [{ type: 'file', mediaType, data }] }] });
    for (const attempt of [() => file('audio/ogg', { kind: 'base64', base64: 'x' }), () => file('application/pdf', { kind: 'url', url: 'https://x/a.pdf' })]) {
      assert.throws(attempt, (error: unknown) => error instanceof GatewayError && error.status === 400);
    }
  });

  it('sends tool_choice and parallel_tool_calls only with tools, since OpenAI rejects them alone', () => {
    assert.deepEqual(encode({ toolChoice: { type: 'none' }, parallelToolCalls: false }), { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
    const body = encode({ tools: [weatherTool], toolChoice: { type: 'tool', toolName: 'get_weather' }, parallelToolCalls: false });
    assert.deepEqual(body.tools, [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }]);
    assert.deepEqual(body.tool_choice, { type: 'function', function: { name: 'get_weather' } });
    assert.equal(body.parallel_tool_calls, false);
  });

  it('uses max_tokens, but max_completion_tokens for OpenAI reasoning models', () => {
    assert.equal(encode({ maxOutputTokens: 100 }).max_tokens, 100);
    for (const model of ['o3-mini', 'gpt-5', 'openai/o4-mini']) {
      const body = encode({ maxOutputTokens: 100 }, model);
      assert.equal(body.max_completion_tokens, 100, model);
      assert.equal('max_tokens' in body, false, model);
    }
  });

  it('sends an effort, but not a bare thinking budget nor top_k, which OpenAI rejects', () => {
    assert.equal(encode({ reasoning: { effort: 'medium', budgetTokens: undefined } }).reasoning_effort, 'medium');
    const body = encode({ reasoning: { effort: undefined, budgetTokens: 4096 }, topK: 5 });
    assert.equal('reasoning_effort' in body, false);
    assert.equal('top_k' in body, false);
  });

  it('encodes response formats; a schema without a name is called response', () => {
    assert.deepEqual(encode({ responseFormat: { type: 'json', schema: undefined, name: undefined, strict: undefined } }).response_format, { type: 'json_object' });
    assert.deepEqual(encode({ responseFormat: { type: 'json', schema: { type: 'object' }, name: undefined, strict: undefined } }).response_format, {
      type: 'json_schema',
      json_schema: { name: 'response', schema: { type: 'object' } },
    });
    assert.deepEqual(encode({ responseFormat: { type: 'text' } }).response_format, { type: 'text' });
  });
});
