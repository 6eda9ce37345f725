import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../main/errors/gateway-error.js';
import { openAiChatFormat } from '../../../main/formats/openai-chat/openai-chat-format.js';
import type { ChatRequest } from '../../../main/spec/index.js';

const decode = (body: unknown, overrides?: { model?: string; stream?: boolean }): ChatRequest => openAiChatFormat.decodeRequest(body, overrides);

/** Asserts that decoding fails with a 400 naming `param`, and returns the message. */
function rejects(body: unknown, param: string | undefined): string {
  try {
    decode(body);
  } catch (error) {
    assert.ok(error instanceof GatewayError, String(error));
    assert.equal(error.status, 400);
    assert.equal(error.param, param, error.message);
    return error.message;
  }
  assert.fail('expected a 400');
}

const user = (content: unknown) => ({ model: 'm', messages: [{ role: 'user', content }] });

describe('openai-chat decodeRequest', () => {
  it('decodes a minimal request with every optional field left to the upstream', () => {
    assert.deepEqual(decode({ model: 'sim/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }), {
      model: 'sim/gpt-4o-mini',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
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
    });
  });

  it('maps system and developer to system messages in place, keeping developer for OpenAI upstreams', () => {
    const request = decode({
      model: 'm',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'developer', content: [{ type: 'text', text: 'A' }, { type: 'text', text: 'B' }] },
      ],
    });
    assert.deepEqual(request.messages, [
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      {
        role: 'system',
        content: [
          { type: 'text', text: 'A', providerMetadata: { openai: { role: 'developer' } } },
          { type: 'text', text: 'B', providerMetadata: { openai: { role: 'developer' } } },
        ],
      },
    ]);
  });

  it('decodes user parts: text, data-URL and http images (detail kept), audio, inline PDF', () => {
    const request = decode(
      user([
        { type: 'text', text: 'Look' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0K', detail: 'high' } },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.JPG?size=2' } },
        { type: 'image_url', image_url: { url: 'https://example.com/render' } },
        { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
        { type: 'input_audio', input_audio: { data: 'SUQz', format: 'mp3' } },
        { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
      ]),
    );
    assert.deepEqual(request.messages[0], {
      role: 'user',
      content: [
        { type: 'text', text: 'Look' },
        { type: 'file', mediaType: 'image/png', data: { kind: 'base64', base64: 'iVBORw0K' }, providerMetadata: { openai: { imageDetail: 'high' } } },
        { type: 'file', mediaType: 'image/jpeg', data: { kind: 'url', url: 'https://example.com/cat.JPG?size=2' } },
        { type: 'file', mediaType: 'image/*', data: { kind: 'url', url: 'https://example.com/render' } },
        { type: 'file', mediaType: 'audio/wav', data: { kind: 'base64', base64: 'UklGRg==' } },
        { type: 'file', mediaType: 'audio/mpeg', data: { kind: 'base64', base64: 'SUQz' } },
        { type: 'file', mediaType: 'application/pdf', data: { kind: 'base64', base64: 'JVBERi0=' }, filename: 'a.pdf' },
      ],
    });
  });

  it('decodes an assistant turn (reasoning, text, parallel calls kept exactly) and its tool results', () => {
    const args = '{"city": "Paris",\n "unit":"c"}';
    const request = decode({
      model: 'm',
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: '',
          reasoning_content: 'Two cities.',
          tool_calls: [
            { id: 'call_A1', type: 'function', function: { name: 'get_weather', arguments: args } },
            { id: 'toolu_01XyZ', type: 'function', function: { name: 'get_time', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_A1', content: '18C' },
        { role: 'tool', tool_call_id: 'toolu_01XyZ', content: [{ type: 'text', text: 'noon' }] },
        { role: 'tool', tool_call_id: 'call_unknown', content: 'orphan' },
        { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] },
      ],
    });
    assert.deepEqual(request.messages.slice(1), [
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Two cities.' },
          { type: 'tool-call', toolCallId: 'call_A1', toolName: 'get_weather', input: args },
          { type: 'tool-call', toolCallId: 'toolu_01XyZ', toolName: 'get_time', input: '' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'call_A1', toolName: 'get_weather', output: [{ type: 'text', text: '18C' }], isError: false },
          { type: 'tool-result', toolCallId: 'toolu_01XyZ', toolName: 'get_time', output: [{ type: 'text', text: 'noon' }], isError: false },
          { type: 'tool-result', toolCallId: 'call_unknown', toolName: undefined, output: [{ type: 'text', text: 'orphan' }], isError: false },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] },
    ]);
  });

  it('decodes tools, tool_choice, sampling, limits, stop, format, effort, user and stream options', () => {
    const request = decode({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      tools: [
        { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true } },
        { type: 'function', function: { name: 'now' } },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      max_completion_tokens: 300,
      max_tokens: 200,
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      stop: 'END',
      seed: 7,
      response_format: { type: 'json_schema', json_schema: { name: 'answer', description: 'The answer', schema: { type: 'object' }, strict: true } },
      reasoning_effort: 'low',
      user: 'u-1',
      stream: true,
      stream_options: { include_usage: true },
      logprobs: true,
      top_logprobs: 2,
      presence_penalty: 0.5,
      service_tier: null,
    });
    assert.deepEqual(request.tools, [
      {
        name: 'get_weather',
        description: 'Weather',
        inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
        providerMetadata: { openai: { strict: true } },
      },
      { name: 'now', description: undefined, inputSchema: { type: 'object', properties: {} } },
    ]);
    assert.deepEqual(request.toolChoice, { type: 'tool', toolName: 'get_weather' });
    assert.equal(request.parallelToolCalls, false);
    assert.equal(request.maxOutputTokens, 300, 'max_completion_tokens wins over the deprecated max_tokens');
    assert.deepEqual([request.temperature, request.topP, request.topK, request.seed, request.user], [0.2, 0.9, 40, 7, 'u-1']);
    assert.deepEqual(request.stopSequences, ['END']);
    assert.deepEqual(request.responseFormat, { type: 'json', schema: { type: 'object' }, name: 'answer', strict: true });
    assert.deepEqual(request.reasoning, { effort: 'low', budgetTokens: undefined });
    assert.equal(request.stream, true);
    assert.deepEqual(request.providerMetadata, {
      openai: {
        includeUsage: true,
        maxTokensField: 'max_completion_tokens',
        responseFormatDescription: 'The answer',
        extraFields: { presence_penalty: 0.5, logprobs: true, top_logprobs: 2 },
      },
    });
  });

  it('maps the tool_choice strings, json_object, and efforts the hub cannot hold', () => {
    for (const choice of ['auto', 'none', 'required'] as const) {
      assert.deepEqual(decode({ ...user('x'), tool_choice: choice }).toolChoice, { type: choice });
    }
    assert.deepEqual(decode({ ...user('x'), response_format: { type: 'json_object' } }).responseFormat, { type: 'json', schema: undefined, name: undefined, strict: undefined });
    assert.deepEqual(decode({ ...user('x'), response_format: { type: 'text' } }).responseFormat, { type: 'text' });
    const none = decode({ ...user('x'), reasoning_effort: 'none' });
    assert.equal(none.reasoning, undefined);
    assert.deepEqual(none.providerMetadata, { openai: { reasoningEffort: 'none' } });
    const xhigh = decode({ ...user('x'), reasoning_effort: 'xhigh' });
    assert.deepEqual(xhigh.reasoning, { effort: 'high', budgetTokens: undefined });
    assert.deepEqual(xhigh.providerMetadata, { openai: { reasoningEffort: 'xhigh' } });
    assert.deepEqual(decode({ ...user('x'), stop: ['a', 'b'] }).stopSequences, ['a', 'b']);
  });

  it('lets the URL override model and stream', () => {
    const request = decode({ ...user('x'), stream: true }, { model: 'from-path', stream: false });
    assert.equal(request.model, 'from-path');
    assert.equal(request.stream, false);
  });

  it('names the offending field, down inside unions', () => {
    const call = (fn: unknown) => ({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }, { role: 'user', content: 'y' }, { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: fn }] }],
    });
    rejects(call({ name: '', arguments: '{}' }), 'messages[2].tool_calls[0].function.name');
    rejects(call({ name: 'f' }), 'messages[2].tool_calls[0].function.arguments');
    rejects({ model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role');
    rejects(user([{ type: 'text', text: 'ok' }, { type: 'image_url', image_url: {} }]), 'messages[0].content[1].image_url.url');
    rejects(user([{ type: 'video', video: {} }]), 'messages[0].content[0].type');
    assert.match(rejects(user(5), 'messages[0].content'), /expected string or array/);
    rejects({ model: 'm', messages: [] }, 'messages');
    rejects({ messages: [{ role: 'user', content: 'x' }] }, 'model');
    rejects({ ...user('x'), tool_choice: { type: 'allowed_tools' } }, 'tool_choice');
    rejects({ ...user('x'), tools: [{ type: 'custom', custom: { name: 'grep' } }] }, 'tools[0].type');
    rejects({ ...user('x'), reasoning_effort: 'extreme' }, 'reasoning_effort');
    rejects({ ...user('x'), max_tokens: 0 }, 'max_tokens');
    rejects({ model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id');
    rejects([], undefined);
  });

  it('rejects what no other family can answer, naming the field', () => {
    assert.match(rejects({ ...user('x'), n: 2 }, 'n'), /several choices/);
    rejects({ ...user('x'), modalities: ['text', 'audio'] }, 'modalities');
    rejects({ ...user('x'), functions: [{ name: 'f' }] }, 'functions');
    rejects({ model: 'm', messages: [{ role: 'function', name: 'f', content: 'x' }] }, 'messages[0].role');
    rejects({ model: 'm', messages: [{ role: 'assistant', function_call: { name: 'f', arguments: '{}' } }] }, 'messages[0].function_call');
    rejects(user([{ type: 'file', file: { file_id: 'file-abc' } }]), 'messages[0].content[0].file.file_id');
    rejects(user([{ type: 'file', file: { file_data: 'JVBERi0=' } }]), 'messages[0].content[0].file.file_data');
    rejects(user([{ type: 'image_url', image_url: { url: 'data:image/png,rawbytes' } }]), 'messages[0].content[0].image_url.url');
    rejects(user([{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }]), 'messages[0].content[0].image_url.url');
    rejects(user([{ type: 'input_audio', input_audio: { data: 'x', format: 'ogg' } }]), 'messages[0].content[0].input_audio.format');
    assert.equal(decode({ ...user('x'), n: 1 }).messages.length, 1, 'n = 1 is the default and fine');
  });
});
