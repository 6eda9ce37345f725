import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../main/errors/gateway-error.js';
import { anthropicAdapter } from '../../../main/providers/anthropic/anthropic-adapter.js';
import { encodeAnthropicRequest } from '../../../main/providers/anthropic/encode-anthropic-request.js';
import type { ChatRequest, Message, ToolDefinition } from '../../../main/spec/index.js';
import { chatRequest } from './canonical-request.js';

const MODEL = 'claude-sonnet-4-6';

function encode(fields: Partial<ChatRequest>, model = MODEL): ReturnType<typeof encodeAnthropicRequest> {
  return encodeAnthropicRequest(chatRequest(fields), model);
}

const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const assistant = (text: string): Message => ({ role: 'assistant', content: [{ type: 'text', text }] });
const weatherTool: ToolDefinition = {
  name: 'get_weather',
  description: 'Weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

function rejection(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof GatewayError);
    return error;
  }
  assert.fail('expected a GatewayError');
}

describe('encodeAnthropicRequest: messages', () => {
  it('moves every system message, wherever it sits, into `system` in order, keeping cache_control', () => {
    const { body } = encode({
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Rule one.', providerMetadata: { anthropic: { cacheControl: { type: 'ephemeral' } } } }] },
        user('Hi'),
        { role: 'system', content: [{ type: 'text', text: 'Rule two.' }, { type: 'text', text: '' }] },
        assistant('Hello'),
        user('Again'),
      ],
    });
    assert.deepEqual(body.system, [
      { type: 'text', text: 'Rule one.', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Rule two.' },
    ]);
    assert.deepEqual(body.messages, [
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
      { role: 'user', content: [{ type: 'text', text: 'Again' }] },
    ]);
  });

  it('leaves `system` out when there is none, and accepts the wire spelling cache_control', () => {
    const { body } = encode({ messages: [{ role: 'user', content: [{ type: 'text', text: 'x', providerMetadata: { anthropic: { cache_control: { type: 'ephemeral', ttl: '1h' } } } }] }] });
    assert.equal('system' in body, false);
    assert.deepEqual(body.messages, [{ role: 'user', content: [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral', ttl: '1h' } }] }]);
  });

  it('merges consecutive messages of one role so turns alternate, a system message not breaking a run', () => {
    const { body } = encode({
      messages: [user('a'), { role: 'system', content: [{ type: 'text', text: 's' }] }, user('b'), assistant('c'), assistant('d'), user('e')],
    });
    assert.deepEqual(body.messages, [
      { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'c' }, { type: 'text', text: 'd' }] },
      { role: 'user', content: [{ type: 'text', text: 'e' }] },
    ]);
  });

  it('puts consecutive tool results into the next user turn, before its text', () => {
    const { body } = encode({
      messages: [
        user('weather in Paris and Rome?'),
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'get_weather', input: '{"city":"Paris"}' },
            { type: 'tool-call', toolCallId: 'toolu_2', toolName: 'get_weather', input: '{"city":"Rome"}' },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_1', toolName: 'get_weather', output: [{ type: 'text', text: '18C' }], isError: false }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_2', toolName: undefined, output: [{ type: 'text', text: 'timeout' }], isError: true }] },
        user('Compare them.'),
      ],
    });
    assert.deepEqual(body.messages.slice(1), [
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '18C' }] },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'timeout' }], is_error: true },
          { type: 'text', text: 'Compare them.' },
        ],
      },
    ]);
  });

  it('places tool results first even when the user text came before them', () => {
    const { body } = encode({
      messages: [
        user('go'),
        { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'call_9', toolName: 'ls', input: '' }] },
        user('(the listing follows)'),
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_9', toolName: 'ls', output: [], isError: false }] },
      ],
    });
    assert.deepEqual(body.messages.slice(1), [
      { role: 'assistant', content: [{ type: 'tool_use', id: 'call_9', name: 'ls', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_9' }, { type: 'text', text: '(the listing follows)' }] },
    ]);
  });

  it('converts images (base64, URL, data URL), PDFs and plain text, also inside tool results', () => {
    const { body } = encode({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'file', mediaType: 'image/png', data: { kind: 'base64', base64: 'iVBORw0KGgo=' } },
            { type: 'file', mediaType: 'image/jpeg', data: { kind: 'url', url: 'https://example.com/cat.jpg' } },
            { type: 'file', mediaType: 'image/*', data: { kind: 'url', url: 'data:image/webp;base64,UklGRg==' } },
            { type: 'file', mediaType: 'application/pdf', data: { kind: 'base64', base64: 'JVBERi0=' }, filename: 'report.pdf' },
            { type: 'file', mediaType: 'application/pdf', data: { kind: 'url', url: 'https://example.com/a.pdf' } },
            { type: 'file', mediaType: 'text/plain', data: { kind: 'base64', base64: Buffer.from('notes: café').toString('base64') } },
            { type: 'text', text: 'Describe these.' },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'toolu_s', toolName: 'screenshot', input: '{}' }] },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: 'toolu_s', toolName: 'screenshot', output: [{ type: 'file', mediaType: 'image/gif', data: { kind: 'base64', base64: 'R0lGOD==' } }], isError: false }],
        },
      ],
    });
    assert.deepEqual(body.messages[0]!.content, [
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'UklGRg==' } },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'report.pdf' },
      { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes: café' } },
      { type: 'text', text: 'Describe these.' },
    ]);
    assert.deepEqual(body.messages[2]!.content, [
      { type: 'tool_result', tool_use_id: 'toolu_s', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/gif', data: 'R0lGOD==' } }] },
    ]);
  });

  it('refuses a file type Anthropic cannot read with a 400 naming the part', () => {
    const error = rejection(() => encode({ messages: [{ role: 'user', content: [{ type: 'text', text: 'listen' }, { type: 'file', mediaType: 'audio/wav', data: { kind: 'base64', base64: 'UklGR' } }] }] }));
    assert.equal(error.status, 400);
    assert.equal(error.code, 'invalid_request');
    assert.equal(error.param, 'messages[0].content[1]');
    assert.match(error.message, /audio\/wav/);
  });

  it('replays only signed reasoning: thinking with its signature, redacted thinking as data', () => {
    const { body } = encode({
      messages: [
        user('q'),
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Let me think.', signature: 'sig-1' },
            { type: 'reasoning', text: '', redactedData: 'opaque==' },
            { type: 'reasoning', text: 'Unsigned thoughts from another vendor.' },
            { type: 'text', text: 'Answer.' },
          ],
        },
        user('more'),
      ],
    });
    assert.deepEqual(body.messages[1], {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Let me think.', signature: 'sig-1' },
        { type: 'redacted_thinking', data: 'opaque==' },
        { type: 'text', text: 'Answer.' },
      ],
    });
  });

  it('drops an assistant turn left empty by unsigned reasoning, and the user turns around it merge', () => {
    const { body } = encode({ messages: [user('a'), { role: 'assistant', content: [{ type: 'reasoning', text: 'hmm' }, { type: 'text', text: '' }] }, user('b')] });
    assert.deepEqual(body.messages, [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }]);
  });

  it('sends tool input as an object: empty arguments are {}, anything not an object is a 400', () => {
    const call = (input: string): Message => ({ role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'f', input }] });
    const inputOf = (input: string): unknown => {
      const message = encode({ messages: [user('x'), call(input)] }).body.messages[1]!;
      return (message.content[0] as { input: unknown }).input;
    };
    assert.deepEqual(inputOf(''), {});
    assert.deepEqual(inputOf('  '), {});
    assert.deepEqual(inputOf('{"a":[1,{"b":null}]}'), { a: [1, { b: null }] });
    for (const bad of ['[1,2]', '"text"', '42', 'null', '{"truncated":']) {
      const error = rejection(() => encode({ messages: [user('x'), call(bad)] }));
      assert.equal(error.status, 400, bad);
      assert.equal(error.param, 'messages[1].content[0]');
      assert.match(error.message, /tool call 'call_1'/);
    }
  });

  it('rewrites tool ids Anthropic refuses the same way on the call and its result, keeping distinct ids distinct', () => {
    const turn = (id: string): Message[] => [
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: id, toolName: 'f', input: '{}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: id, toolName: 'f', output: [], isError: false }] },
    ];
    const { body } = encode({ messages: [user('x'), ...turn('functions.f:0'), ...turn('functions.f_0'), ...turn('call_OK-1')] });
    const ids = body.messages.flatMap((message) => message.content.map((block) => ('id' in block ? block.id : 'tool_use_id' in block ? block.tool_use_id : undefined)));
    assert.deepEqual(ids, [undefined, ids[1], ids[1], ids[3], ids[3], 'call_OK-1', 'call_OK-1']);
    assert.match(ids[1]!, /^functions_f_0_[0-9a-f]{10}$/);
    assert.match(ids[3]!, /^functions_f_0_[0-9a-f]{10}$/);
    assert.notEqual(ids[1], ids[3]);
  });
});

describe('encodeAnthropicRequest: parameters', () => {
  it('maps tools, their cache_control, and gives a schema without a type `type: object`', () => {
    const { body } = encode({
      tools: [
        { ...weatherTool, providerMetadata: { anthropic: { cacheControl: { type: 'ephemeral' } } } },
        { name: 'now', description: undefined, inputSchema: {} },
      ],
    });
    assert.deepEqual(body.tools, [
      { name: 'get_weather', description: 'Weather for a city', input_schema: weatherTool.inputSchema, cache_control: { type: 'ephemeral' } },
      { name: 'now', input_schema: { type: 'object' } },
    ]);
  });

  it('maps tool_choice and parallelToolCalls', () => {
    const cases: [Partial<ChatRequest>, unknown][] = [
      [{}, undefined],
      [{ toolChoice: { type: 'auto' } }, { type: 'auto' }],
      [{ toolChoice: { type: 'required' } }, { type: 'any' }],
      [{ toolChoice: { type: 'none' } }, { type: 'none' }],
      [{ toolChoice: { type: 'tool', toolName: 'get_weather' } }, { type: 'tool', name: 'get_weather' }],
      [{ parallelToolCalls: false }, { type: 'auto', disable_parallel_tool_use: true }],
      [{ parallelToolCalls: true }, undefined],
      [{ toolChoice: { type: 'required' }, parallelToolCalls: false }, { type: 'any', disable_parallel_tool_use: true }],
      [{ toolChoice: { type: 'tool', toolName: 'get_weather' }, parallelToolCalls: false }, { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true }],
      [{ toolChoice: { type: 'none' }, parallelToolCalls: false }, { type: 'none' }],
    ];
    for (const [fields, expected] of cases) assert.deepEqual(encode({ tools: [weatherTool], ...fields }).body.tool_choice, expected, JSON.stringify(fields));
    // Without tools, Anthropic refuses a tool_choice, and it would mean nothing.
    assert.equal('tool_choice' in encode({ toolChoice: { type: 'none' } }).body, false);
  });

  it('sends sampling, stop sequences, user id and stream as Anthropic names them', () => {
    const { body, warnings } = encode({ temperature: 0.2, topP: 0.9, topK: 40, stopSequences: ['END'], user: 'user-42', stream: true, maxOutputTokens: 300 });
    assert.deepEqual(body, {
      model: MODEL,
      max_tokens: 300,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ['END'],
      metadata: { user_id: 'user-42' },
      stream: true,
    });
    assert.deepEqual(warnings, []);
  });

  it('sends a temperature above Anthropic’s range as 1, with a warning', () => {
    const { body, warnings } = encode({ temperature: 1.7 });
    assert.equal(body.temperature, 1);
    assert.deepEqual(warnings, ["temperature 1.7 is above Anthropic's maximum; 1 was sent."]);
  });

  it('fills in a required max_tokens per model, with a warning', () => {
    const modern = encode({ maxOutputTokens: undefined });
    assert.equal(modern.body.max_tokens, 8192);
    assert.deepEqual(modern.warnings, ['The request sets no output limit and Anthropic requires one; max_tokens 8192 was sent.']);
    assert.equal(encode({ maxOutputTokens: undefined }, 'claude-3-haiku-20240307').body.max_tokens, 4096);
    assert.equal(encode({ maxOutputTokens: undefined }, 'claude-3-5-haiku-20241022').body.max_tokens, 8192);
  });

  it('maps a JSON schema response format to output_config and warns about what it cannot send', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } } };
    const withSchema = encode({ responseFormat: { type: 'json', schema, name: 'answer', strict: true } });
    assert.deepEqual(withSchema.body.output_config, { format: { type: 'json_schema', schema } });
    const plain = encode({ responseFormat: { type: 'json', schema: undefined, name: undefined, strict: undefined }, seed: 7 });
    assert.equal('output_config' in plain.body, false);
    assert.deepEqual(plain.warnings, [
      'JSON mode without a schema has no Anthropic equivalent; the request was sent without it.',
      'Anthropic has no seed parameter; the seed was not sent.',
    ]);
  });
});

describe('encodeAnthropicRequest: thinking', () => {
  const thinkingOf = (fields: Partial<ChatRequest>): { thinking: unknown; maxTokens: number; warnings: string[] } => {
    const { body, warnings } = encode(fields);
    return { thinking: body.thinking, maxTokens: body.max_tokens, warnings };
  };

  it('sends an explicit budget as is, and makes room for the answer when no limit was set', () => {
    assert.deepEqual(thinkingOf({ reasoning: { effort: undefined, budgetTokens: 5000 }, maxOutputTokens: 20000 }), {
      thinking: { type: 'enabled', budget_tokens: 5000 },
      maxTokens: 20000,
      warnings: [],
    });
    const open = thinkingOf({ reasoning: { effort: undefined, budgetTokens: 5000 }, maxOutputTokens: undefined });
    assert.deepEqual(open.thinking, { type: 'enabled', budget_tokens: 5000 });
    assert.equal(open.maxTokens, 5000 + 8192);
  });

  it('maps effort to a budget, shrinking it to half of an explicit limit', () => {
    const budgets = (['minimal', 'low', 'medium', 'high'] as const).map(
      (effort) => (thinkingOf({ reasoning: { effort, budgetTokens: undefined }, maxOutputTokens: undefined }).thinking as { budget_tokens: number }).budget_tokens,
    );
    assert.deepEqual(budgets, [1024, 2048, 8192, 16384]);
    assert.deepEqual(thinkingOf({ reasoning: { effort: 'high', budgetTokens: undefined }, maxOutputTokens: 6000 }).thinking, { type: 'enabled', budget_tokens: 3000 });
    const tooSmall = thinkingOf({ reasoning: { effort: 'low', budgetTokens: undefined }, maxOutputTokens: 1500 });
    assert.equal(tooSmall.thinking, undefined);
    assert.equal(tooSmall.maxTokens, 1500);
    assert.match(tooSmall.warnings[0]!, /max_tokens 1500 leaves no room/);
  });

  it('reads Gemini budgets: 0 is off, -1 is dynamic, below the minimum is raised with a warning', () => {
    assert.equal(thinkingOf({ reasoning: { effort: undefined, budgetTokens: 0 } }).thinking, undefined);
    assert.deepEqual(thinkingOf({ reasoning: { effort: undefined, budgetTokens: -1 }, maxOutputTokens: 20000 }).thinking, { type: 'enabled', budget_tokens: 8192 });
    const low = thinkingOf({ reasoning: { effort: undefined, budgetTokens: 512 }, maxOutputTokens: 4000 });
    assert.deepEqual(low.thinking, { type: 'enabled', budget_tokens: 1024 });
    assert.deepEqual(low.warnings, ["Thinking budget 512 is below Anthropic's minimum; 1024 was sent."]);
  });

  it('drops sampling Anthropic refuses while thinking, with warnings', () => {
    const { body, warnings } = encode({ reasoning: { effort: 'low', budgetTokens: undefined }, maxOutputTokens: 8000, temperature: 0, topP: 0.5, topK: 5 });
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 2048 });
    for (const key of ['temperature', 'top_p', 'top_k']) assert.equal(key in body, false, key);
    assert.deepEqual(warnings, [
      'temperature was not sent: Anthropic does not accept it while thinking is on.',
      'top_p was not sent: Anthropic does not accept it while thinking is on.',
      'top_k was not sent: Anthropic does not accept it while thinking is on.',
    ]);
    const allowed = encode({ reasoning: { effort: 'low', budgetTokens: undefined }, maxOutputTokens: 8000, temperature: 1, topP: 0.95 }).body;
    assert.equal(allowed.temperature, 1);
    assert.equal(allowed.top_p, 0.95);
  });

  it('leaves thinking out when a tool choice forces a call', () => {
    const { body, warnings } = encode({ reasoning: { effort: 'high', budgetTokens: undefined }, tools: [weatherTool], toolChoice: { type: 'required' }, maxOutputTokens: undefined });
    assert.equal(body.thinking, undefined);
    assert.equal(body.max_tokens, 8192);
    assert.deepEqual(warnings, [
      'Reasoning was not requested from Anthropic: it cannot think while a tool choice forces a tool call.',
      'The request sets no output limit and Anthropic requires one; max_tokens 8192 was sent.',
    ]);
  });

  it('keeps thinking in a tool loop only when the last tool call carries signed thinking', () => {
    const loop = (assistantContent: Extract<Message, { role: 'assistant' }>['content']): Message[] => [
      user('weather?'),
      { role: 'assistant', content: assistantContent },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'toolu_1', toolName: 'get_weather', output: [{ type: 'text', text: 'sunny' }], isError: false }] },
    ];
    const call = { type: 'tool-call' as const, toolCallId: 'toolu_1', toolName: 'get_weather', input: '{"city":"Oslo"}' };
    const reasoning = { effort: 'medium' as const, budgetTokens: undefined };
    const foreign = encode({ messages: loop([call]), tools: [weatherTool], reasoning, maxOutputTokens: 20000 });
    assert.equal(foreign.body.thinking, undefined);
    assert.deepEqual(foreign.warnings, ['Reasoning was not requested from Anthropic: the last assistant tool call carries no signed Anthropic thinking to replay.']);
    const signed = encode({ messages: loop([{ type: 'reasoning', text: 'Need weather.', signature: 'sig' }, call]), tools: [weatherTool], reasoning, maxOutputTokens: 20000 });
    assert.deepEqual(signed.body.thinking, { type: 'enabled', budget_tokens: 8192 });
    assert.deepEqual(signed.warnings, []);
  });

  it('gives a call a client sent back alone the signed thinking Anthropic produced before it (whole answers and streams)', () => {
    const reasoning = { effort: 'medium' as const, budgetTokens: undefined };
    const loopAround = (id: string): Message[] => [
      user('weather?'),
      { role: 'assistant', content: [{ type: 'text', text: 'Checking.' }, { type: 'tool-call', toolCallId: id, toolName: 'get_weather', input: '{}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: id, toolName: 'get_weather', output: [{ type: 'text', text: 'sunny' }], isError: false }] },
    ];
    anthropicAdapter.decodeResult({
      id: 'msg_1', type: 'message', role: 'assistant', model: MODEL, stop_reason: 'tool_use', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 },
      content: [{ type: 'thinking', thinking: 'Need the weather.', signature: 'SIG-WHOLE' }, { type: 'text', text: 'Checking.' }, { type: 'tool_use', id: 'toolu_mem_whole', name: 'get_weather', input: {} }],
    });
    const whole = encode({ messages: loopAround('toolu_mem_whole'), tools: [weatherTool], reasoning, maxOutputTokens: 20000 });
    assert.deepEqual(whole.body.thinking, { type: 'enabled', budget_tokens: 8192 }, 'thinking stays on');
    assert.deepEqual(whole.warnings, []);
    const turn = (whole.body.messages as { content: { type: string; signature?: string; thinking?: string }[] }[])[1]!.content;
    assert.deepEqual(turn.map((block) => block.type), ['thinking', 'text', 'tool_use'], 'the thinking opens the turn, as Anthropic wrote it');
    assert.deepEqual({ thinking: turn[0]!.thinking, signature: turn[0]!.signature }, { thinking: 'Need the weather.', signature: 'SIG-WHOLE' });

    const decoder = anthropicAdapter.createStreamDecoder();
    const events = [
      { type: 'message_start', message: { id: 'msg_2', type: 'message', role: 'assistant', model: MODEL, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 0 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Stream ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'thought.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'SIG-STREAM' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_mem_stream', name: 'get_weather', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 5 } },
      { type: 'message_stop' },
    ];
    decoder.push(Buffer.from(events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join('')));
    decoder.end();
    const streamed = encode({ messages: loopAround('toolu_mem_stream'), tools: [weatherTool], reasoning, maxOutputTokens: 20000 });
    const first = (streamed.body.messages as { content: { type: string; signature?: string; thinking?: string }[] }[])[1]!.content[0]!;
    assert.deepEqual(first, { type: 'thinking', thinking: 'Stream thought.', signature: 'SIG-STREAM' });
  });
});

describe('encodeAnthropicRequest: fields an Anthropic client sent', () => {
  it('spreads part extras back onto their blocks without overriding what the encoder set', () => {
    const { body } = encode({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'quote', providerMetadata: { anthropic: { text: 'not this', citations: [{ type: 'char_location', cited_text: 'q' }] } } },
            { type: 'file', mediaType: 'application/pdf', data: { kind: 'base64', base64: 'JVBE' }, filename: 'mine.pdf', providerMetadata: { anthropic: { title: 'theirs', context: 'c' } } },
          ],
        },
      ],
    });
    assert.deepEqual(body.messages[0]!.content, [
      { type: 'text', text: 'quote', citations: [{ type: 'char_location', cited_text: 'q' }] },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' }, title: 'mine.pdf', context: 'c' },
    ]);
  });

  it('restores top-level fields and Anthropic-defined tools, the client’s own thinking replacing the canonical reasoning', () => {
    const { body, warnings } = encode({
      tools: [weatherTool],
      temperature: 0.5,
      reasoning: { effort: 'high', budgetTokens: undefined },
      providerMetadata: {
        anthropic: { thinking: { type: 'disabled' }, service_tier: 'standard_only', model: 'never-overrides' },
        'anthropic-messages': { serverTools: [{ type: 'bash_20250124', name: 'bash' }] },
      },
    });
    assert.deepEqual(body.tools, [
      { name: 'get_weather', description: 'Weather for a city', input_schema: weatherTool.inputSchema },
      { type: 'bash_20250124', name: 'bash' },
    ]);
    assert.deepEqual(body.thinking, { type: 'disabled' });
    assert.equal(body.temperature, 0.5);
    assert.equal((body as unknown as Record<string, unknown>).service_tier, 'standard_only');
    assert.equal(body.model, MODEL);
    assert.deepEqual(warnings, []);
  });
});

describe('anthropicAdapter.encodeRequest', () => {
  it('posts to /messages with the JSON body and reports the warnings', () => {
    const encoded = anthropicAdapter.encodeRequest(chatRequest({ maxOutputTokens: undefined }), MODEL) as ReturnType<typeof anthropicAdapter.encodeRequest> & { warnings: string[] };
    assert.equal(encoded.path, '/messages');
    assert.deepEqual(JSON.parse(encoded.body), encode({ maxOutputTokens: undefined }).body);
    assert.equal(encoded.warnings.length, 1);
  });

  it('authenticates with x-api-key and pins the API version', () => {
    assert.deepEqual(anthropicAdapter.authHeaders('sk-ant-key'), { 'x-api-key': 'sk-ant-key', 'anthropic-version': '2023-06-01' });
    assert.equal(anthropicAdapter.family, 'anthropic');
    assert.equal(anthropicAdapter.nativeFormat, 'anthropic-messages');
  });
});
