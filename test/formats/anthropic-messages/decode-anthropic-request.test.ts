import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../main/errors/gateway-error.js';
import { anthropicMessagesFormat } from '../../../main/formats/anthropic-messages/anthropic-messages-format.js';
import { decodeCountTokensRequest } from '../../../main/formats/anthropic-messages/decode-anthropic-request.js';
import { checkAnthropicTranslatable, untranslatableParts } from '../../../main/formats/anthropic-messages/untranslatable.js';
import type { ChatRequest } from '../../../main/spec/index.js';

const decode = (body: unknown, overrides?: { model?: string; stream?: boolean }): ChatRequest => anthropicMessagesFormat.decodeRequest(body, overrides);

function request(fields: Record<string, unknown>): Record<string, unknown> {
  return { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }], ...fields };
}

/** Asserts the body is refused with a 400 naming `param`, and returns the error for more checks. */
function rejects(body: unknown, param: string, message?: RegExp): GatewayError {
  let caught: unknown;
  try {
    decode(body);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof GatewayError, 'a GatewayError is thrown');
  assert.equal(caught.status, 400);
  assert.equal(caught.code, 'invalid_request');
  assert.equal(caught.param, param);
  if (message) assert.match(caught.message, message);
  return caught;
}

describe('anthropic-messages decodeRequest', () => {
  it('decodes a plain request to the exact canonical request', () => {
    const decoded = decode(
      request({
        system: 'Be brief.',
        messages: [
          { role: 'user', content: 'Hello' },
          { role: 'assistant', content: 'Hi!' },
          { role: 'user', content: [{ type: 'text', text: 'Again' }] },
        ],
        stop_sequences: ['END'],
        temperature: 0.2,
        top_p: 0.9,
        top_k: 40,
        metadata: { user_id: 'user-42' },
        stream: true,
      }),
    );
    assert.deepEqual(decoded, {
      model: 'claude-sonnet-4-5',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Hello' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Hi!' }] },
        { role: 'user', content: [{ type: 'text', text: 'Again' }] },
      ],
      tools: [],
      toolChoice: undefined,
      parallelToolCalls: undefined,
      maxOutputTokens: 1024,
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      stopSequences: ['END'],
      seed: undefined,
      responseFormat: undefined,
      reasoning: undefined,
      stream: true,
      user: 'user-42',
      providerMetadata: {},
    });
  });

  it('takes model and stream from the URL when given', () => {
    const decoded = decode(request({ stream: false }), { model: 'openai/gpt-5', stream: true });
    assert.equal(decoded.model, 'openai/gpt-5');
    assert.equal(decoded.stream, true);
    assert.equal(decode(request({})).stream, false);
  });

  it('requires max_tokens, model and messages, naming each', () => {
    rejects({ model: 'm', messages: [] }, 'max_tokens', /max_tokens is required/);
    rejects({ model: 'm', max_tokens: 'ten', messages: [] }, 'max_tokens', /must be a number/);
    rejects({ max_tokens: 10, messages: [] }, 'model', /model is required/);
    rejects({ model: 'm', max_tokens: 10 }, 'messages', /messages is required/);
    rejects({ model: 'm', max_tokens: -1, messages: [] }, 'max_tokens');
  });

  it('names the offending field with the validator path format', () => {
    rejects(request({ messages: [{ role: 'user', content: 42 }] }), 'messages[0].content', /string or an array of content blocks/);
    rejects(request({ messages: [{ role: 'user' }] }), 'messages[0].content');
    rejects(request({ messages: [{ role: 'robot', content: 'x' }] }), 'messages[0].role');
    rejects(
      request({ messages: [{ role: 'user', content: [{ type: 'text', text: 'ok' }, { type: 'image', source: { type: 'base64', media_type: 'image/png' } }] }] }),
      'messages[0].content[1].source.data',
    );
    rejects(
      request({ messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: '{"a":1}' }] }] }),
      'messages[0].content[0].input',
      /JSON object/,
    );
    rejects(
      request({ messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text' }] }] }] }),
      'messages[0].content[0].content[0].text',
    );
    rejects(request({ system: [{ type: 'text', text: 7 }] }), 'system[0].text');
    rejects(request({ tools: [{ name: 'Read' }] }), 'tools[0].input_schema');
    rejects(request({ tool_choice: { type: 'tool' } }), 'tool_choice.name');
    rejects('not an object', undefined as unknown as string);
  });

  it('refuses blocks in the wrong role, as Anthropic does', () => {
    rejects(
      request({ messages: [{ role: 'user', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} }] }] }),
      'messages[0].content[0]',
      /only allowed in assistant messages/,
    );
    rejects(
      request({ messages: [{ role: 'assistant', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'x' }] }] }),
      'messages[0].content[0]',
      /only allowed in user messages/,
    );
    rejects(request({ system: [{ type: 'text', text: 'ok' }, { type: 'image', source: { type: 'url', url: 'https://x/a.png' } }] }), 'system[1]');
  });

  it('places tool results where they occur, with the rest of the user turn after them', () => {
    const decoded = decode(
      request({
        messages: [
          { role: 'user', content: 'List and read.' },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Running both.' },
              { type: 'tool_use', id: 'toolu_01A-b_c', name: 'Bash', input: { command: 'ls' } },
              { type: 'tool_use', id: 'call_weird:id/2', name: 'Read', input: { file_path: '/a' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Here you go' },
              { type: 'tool_result', tool_use_id: 'toolu_01A-b_c', content: 'a\nb' },
              {
                type: 'tool_result',
                tool_use_id: 'call_weird:id/2',
                is_error: true,
                content: [
                  { type: 'text', text: 'no such file' },
                  { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
                ],
              },
              { type: 'tool_result', tool_use_id: 'toolu_unknown' },
            ],
          },
        ],
      }),
    );
    assert.deepEqual(decoded.messages.slice(2), [
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'toolu_01A-b_c', toolName: 'Bash', output: [{ type: 'text', text: 'a\nb' }], isError: false },
          {
            type: 'tool-result',
            toolCallId: 'call_weird:id/2',
            toolName: 'Read',
            output: [
              { type: 'text', text: 'no such file' },
              { type: 'file', mediaType: 'image/png', data: { kind: 'base64', base64: 'iVBORw0KGgo=' } },
            ],
            isError: true,
          },
          { type: 'tool-result', toolCallId: 'toolu_unknown', toolName: undefined, output: [], isError: false },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Here you go' }] },
    ]);
  });

  it('stringifies tool_use input exactly once and keeps the id exactly', () => {
    const input = { b: 1, a: [1, 'two', { c: null }], s: '{"not":"parsed"}' };
    const decoded = decode(request({ messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_X', name: 'Edit', input }] }] }));
    const part = decoded.messages[0]?.content[0];
    assert.deepEqual(part, { type: 'tool-call', toolCallId: 'toolu_X', toolName: 'Edit', input: JSON.stringify(input) });
    assert.deepEqual(JSON.parse((part as { input: string }).input), input);
  });

  it('decodes images and documents from every source to file parts', () => {
    const decoded = decode(
      request({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' } },
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.WEBP?size=2' } },
              { type: 'image', source: { type: 'url', url: 'https://example.com/render' } },
              { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' }, title: 'Spec' },
              { type: 'document', source: { type: 'url', url: 'https://example.com/spec.pdf' } },
              { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'héllo' }, context: 'notes' },
            ],
          },
        ],
      }),
    );
    assert.deepEqual(decoded.messages[0]?.content, [
      { type: 'file', mediaType: 'image/jpeg', data: { kind: 'base64', base64: '/9j/4AAQ' } },
      { type: 'file', mediaType: 'image/webp', data: { kind: 'url', url: 'https://example.com/cat.WEBP?size=2' } },
      { type: 'file', mediaType: 'image/*', data: { kind: 'url', url: 'https://example.com/render' } },
      { type: 'file', mediaType: 'application/pdf', data: { kind: 'base64', base64: 'JVBERi0x' }, providerMetadata: { anthropic: { title: 'Spec' } } },
      { type: 'file', mediaType: 'application/pdf', data: { kind: 'url', url: 'https://example.com/spec.pdf' } },
      {
        type: 'file',
        mediaType: 'text/plain',
        data: { kind: 'base64', base64: Buffer.from('héllo').toString('base64') },
        providerMetadata: { anthropic: { context: 'notes' } },
      },
    ]);
  });

  it('decodes thinking (with signature) and redacted thinking to reasoning parts', () => {
    const decoded = decode(
      request({
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [
          { role: 'user', content: 'Think.' },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'Let me see.', signature: 'EqQBCgIYAhIM' },
              { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix' },
              { type: 'thinking', thinking: 'unsigned', signature: '' },
              { type: 'text', text: 'Done.' },
            ],
          },
        ],
      }),
    );
    assert.deepEqual(decoded.messages[1]?.content, [
      { type: 'reasoning', text: 'Let me see.', signature: 'EqQBCgIYAhIM' },
      { type: 'reasoning', text: '', redactedData: 'EmwKAhgBEgy3va3pzix' },
      { type: 'reasoning', text: 'unsigned' },
      { type: 'text', text: 'Done.' },
    ]);
    assert.deepEqual(decoded.reasoning, { effort: undefined, budgetTokens: 2048 });
    assert.deepEqual(decoded.providerMetadata.anthropic, { thinking: { type: 'enabled', budget_tokens: 2048 } });
  });

  it('maps thinking and effort settings to reasoning options', () => {
    assert.deepEqual(decode(request({ thinking: { type: 'adaptive' }, output_config: { effort: 'max' } })).reasoning, { effort: 'high', budgetTokens: undefined });
    assert.deepEqual(decode(request({ output_config: { effort: 'low' } })).reasoning, { effort: 'low', budgetTokens: undefined });
    assert.equal(decode(request({ thinking: { type: 'disabled' } })).reasoning, undefined);
    rejects(request({ thinking: { type: 'enabled' } }), 'thinking.budget_tokens');
  });

  it('maps structured output to a strict JSON response format', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const decoded = decode(request({ output_config: { format: { type: 'json_schema', schema } } }));
    assert.deepEqual(decoded.responseFormat, { type: 'json', schema, name: undefined, strict: true });
  });

  it('keeps cache_control and other unmapped fields in providerMetadata.anthropic', () => {
    const ephemeral = { type: 'ephemeral' };
    const decoded = decode(
      request({
        system: [
          { type: 'text', text: 'You are Claude Code.' },
          { type: 'text', text: 'Project rules.', cache_control: { type: 'ephemeral', ttl: '1h' } },
        ],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Hi', cache_control: ephemeral, some_future_field: [1] },
              { type: 'tool_result', tool_use_id: 't1', content: 'x', cache_control: ephemeral },
            ],
          },
        ],
        tools: [{ name: 'Read', description: 'Reads', input_schema: { type: 'object' }, cache_control: ephemeral, strict: true }],
        service_tier: 'auto',
        container: 'container_1',
        cache_control: ephemeral,
      }),
    );
    assert.deepEqual(decoded.messages[0], {
      role: 'system',
      content: [
        { type: 'text', text: 'You are Claude Code.' },
        { type: 'text', text: 'Project rules.', providerMetadata: { anthropic: { cache_control: { type: 'ephemeral', ttl: '1h' } } } },
      ],
    });
    assert.deepEqual(decoded.messages[1], {
      role: 'tool',
      content: [{ type: 'tool-result', toolCallId: 't1', toolName: undefined, output: [{ type: 'text', text: 'x' }], isError: false, providerMetadata: { anthropic: { cache_control: ephemeral } } }],
    });
    assert.deepEqual(decoded.messages[2], {
      role: 'user',
      content: [{ type: 'text', text: 'Hi', providerMetadata: { anthropic: { cache_control: ephemeral, some_future_field: [1] } } }],
    });
    assert.deepEqual(decoded.tools, [
      { name: 'Read', description: 'Reads', inputSchema: { type: 'object' }, providerMetadata: { anthropic: { cache_control: ephemeral, strict: true } } },
    ]);
    assert.deepEqual(decoded.providerMetadata, { anthropic: { service_tier: 'auto', container: 'container_1', cache_control: ephemeral } });
  });

  it('maps tool_choice and disable_parallel_tool_use', () => {
    const tools = [{ name: 'Read', input_schema: { type: 'object' } }];
    const choice = (toolChoice: unknown) => {
      const decoded = decode(request({ tools, tool_choice: toolChoice }));
      return { toolChoice: decoded.toolChoice, parallelToolCalls: decoded.parallelToolCalls };
    };
    assert.deepEqual(choice({ type: 'auto' }), { toolChoice: { type: 'auto' }, parallelToolCalls: undefined });
    assert.deepEqual(choice({ type: 'any', disable_parallel_tool_use: true }), { toolChoice: { type: 'required' }, parallelToolCalls: false });
    assert.deepEqual(choice({ type: 'auto', disable_parallel_tool_use: false }), { toolChoice: { type: 'auto' }, parallelToolCalls: true });
    assert.deepEqual(choice({ type: 'none' }), { toolChoice: { type: 'none' }, parallelToolCalls: undefined });
    assert.deepEqual(choice({ type: 'tool', name: 'Read' }), { toolChoice: { type: 'tool', toolName: 'Read' }, parallelToolCalls: undefined });
    assert.deepEqual(decode(request({ tools })).tools, [{ name: 'Read', description: undefined, inputSchema: { type: 'object' } }]);
  });

  it('keeps Anthropic-only features aside for passthrough and refuses to translate them', () => {
    const webSearch = { type: 'web_search_20250305', name: 'web_search', max_uses: 5 };
    const decoded = decode(
      request({
        tools: [{ name: 'Read', input_schema: { type: 'object' } }, webSearch],
        messages: [
          { role: 'user', content: 'Search.' },
          {
            role: 'assistant',
            content: [
              { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } },
              { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
              { type: 'text', text: 'Found.' },
            ],
          },
        ],
      }),
    );
    assert.deepEqual(decoded.tools.map((tool) => tool.name), ['Read']);
    assert.deepEqual(decoded.messages[1], { role: 'assistant', content: [{ type: 'text', text: 'Found.' }] });
    assert.deepEqual(untranslatableParts(decoded), [
      { param: 'messages[1].content[0]', what: "a 'server_tool_use' block", droppable: false },
      { param: 'messages[1].content[1]', what: "a 'web_search_tool_result' block", droppable: false },
      { param: 'tools[1]', what: "the Anthropic-defined tool 'web_search' (type 'web_search_20250305')", droppable: true },
    ]);
    assert.deepEqual(decoded.providerMetadata['anthropic-messages']?.serverTools, [webSearch]);
    assert.throws(
      () => checkAnthropicTranslatable(decoded, "provider 'openai'"),
      (error: unknown) =>
        error instanceof GatewayError &&
        error.status === 400 &&
        error.param === 'messages[1].content[0]' &&
        error.message.includes("a 'web_search_tool_result' block at 'messages[1].content[1]'") &&
        // An offered tool alone never blocks: it is dropped with a warning.
        !error.message.includes("at 'tools[1]'") &&
        error.message.includes("provider 'openai'"),
    );
    assert.deepEqual(checkAnthropicTranslatable(decode(request({ tools: [{ name: 'Read', type: 'custom', input_schema: {} }] }))), []);
    assert.deepEqual(checkAnthropicTranslatable(decode(request({ tools: [{ name: 'Read', input_schema: { type: 'object' } }, webSearch] })), "provider 'openai'"), [
      "the Anthropic-defined tool 'web_search' (type 'web_search_20250305') at 'tools[1]' is not available from provider 'openai' and was left out",
    ]);
  });

  it('flags Files API ids instead of dropping them', () => {
    const decoded = decode(request({ messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'file', file_id: 'file_1' } }, { type: 'text', text: 'Summarise' }] }] }));
    assert.deepEqual(decoded.messages, [{ role: 'user', content: [{ type: 'text', text: 'Summarise' }] }]);
    assert.deepEqual(untranslatableParts(decoded), [{ param: 'messages[0].content[0]', what: 'a document given by Files API id', droppable: false }]);
  });

  it('accepts system turns inside messages', () => {
    const decoded = decode(request({ messages: [{ role: 'system', content: 'Mid-conversation rule.' }, { role: 'user', content: 'Hi' }] }));
    assert.deepEqual(decoded.messages[0], { role: 'system', content: [{ type: 'text', text: 'Mid-conversation rule.' }] });
  });

  it('decodes count_tokens bodies, which have no max_tokens', () => {
    const decoded = decodeCountTokensRequest({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(decoded.maxOutputTokens, undefined);
    assert.equal(decoded.stream, false);
  });
});
