import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../main/errors/gateway-error.js';
import { encodeOllamaShow, encodeOllamaTags, encodeOllamaVersion } from '../../../main/formats/ollama/encode-ollama-models.js';
import { ollamaChatFormat, ollamaGenerateFormat } from '../../../main/formats/ollama/ollama-format.js';
import type { GenerateResult, StreamPart } from '../../../main/spec/index.js';
import { chatRequest } from '../../support/chat-request.js';

const context = { model: 'local/qwen3', requestId: 'req_1', request: chatRequest({ stream: true }) };
const usage = { inputTokens: 12, outputTokens: 4, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined };
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Drops the clock-dependent field after checking its shape. */
function stable(object: Record<string, unknown>): Record<string, unknown> {
  assert.match(String(object.created_at), rfc3339);
  const { created_at: _createdAt, ...rest } = object;
  return rest;
}

const result: GenerateResult = {
  content: [
    { type: 'reasoning', text: 'Hmm.' },
    { type: 'text', text: 'Checking.' },
    { type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: '{"city":"Paris"}' },
  ],
  finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
  usage,
  response: { id: undefined, modelId: undefined, created: undefined },
};

describe('ollama result encoding', () => {
  it('/api/chat: message with thinking and object arguments, done fields with the upstream counts', () => {
    assert.deepEqual(stable(ollamaChatFormat.encodeResult(result, context) as Record<string, unknown>), {
      model: 'local/qwen3',
      message: { role: 'assistant', content: 'Checking.', thinking: 'Hmm.', tool_calls: [{ function: { name: 'weather', arguments: { city: 'Paris' } } }] },
      done: true,
      done_reason: 'stop',
      total_duration: 0,
      load_duration: 0,
      prompt_eval_count: 12,
      prompt_eval_duration: 0,
      eval_count: 4,
      eval_duration: 0,
    });
  });

  it('/api/generate: response instead of message; unknown counts are left out; total measured from startedAt', () => {
    const body = ollamaGenerateFormat.encodeResult(
      { ...result, content: [{ type: 'text', text: 'Hi' }], finishReason: { unified: 'length', raw: 'max_tokens' }, usage: { ...usage, inputTokens: undefined, outputTokens: undefined } },
      { ...context, startedAt: Date.now() - 5 } as typeof context,
    ) as Record<string, unknown>;
    assert.ok((body.total_duration as number) >= 5_000_000);
    const { total_duration: _total, ...rest } = stable(body);
    assert.deepEqual(rest, { model: 'local/qwen3', response: 'Hi', done: true, done_reason: 'length', load_duration: 0, prompt_eval_duration: 0, eval_duration: 0 });
  });
});

describe('ollama stream encoder', () => {
  const parts: StreamPart[] = [
    { type: 'response-metadata', id: 'x', modelId: 'up', created: 1 },
    { type: 'reasoning-start', id: 'r' },
    { type: 'reasoning-delta', id: 'r', delta: 'Think' },
    { type: 'reasoning-end', id: 'r' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Hé 🙂' },
    { type: 'text-end', id: 't' },
    { type: 'tool-input-start', id: 'c1', toolName: 'f' },
    { type: 'tool-input-delta', id: 'c1', delta: '{"a":1}' },
    { type: 'tool-input-end', id: 'c1' },
    { type: 'tool-call', toolCallId: 'c1', toolName: 'f', input: '{"a":1}' },
    { type: 'finish', finishReason: { unified: 'tool-calls', raw: undefined }, usage },
  ];

  it('/api/chat: NDJSON lines, one per delta, tool calls whole, one done line last', () => {
    const encoder = ollamaChatFormat.createStreamEncoder(context);
    assert.equal(encoder.contentType, 'application/x-ndjson');
    const text = parts.map((part) => encoder.encode(part)).join('') + encoder.end();
    assert.ok(text.endsWith('\n'));
    const lines = text.trimEnd().split('\n').map((line) => stable(JSON.parse(line) as Record<string, unknown>));
    assert.deepEqual(lines, [
      { model: 'local/qwen3', message: { role: 'assistant', content: '', thinking: 'Think' }, done: false },
      { model: 'local/qwen3', message: { role: 'assistant', content: 'Hé 🙂' }, done: false },
      { model: 'local/qwen3', message: { role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: { a: 1 } } }] }, done: false },
      {
        model: 'local/qwen3',
        message: { role: 'assistant', content: '' },
        done: true,
        done_reason: 'stop',
        total_duration: 0,
        load_duration: 0,
        prompt_eval_count: 12,
        prompt_eval_duration: 0,
        eval_count: 4,
        eval_duration: 0,
      },
    ]);
  });

  it('/api/generate: response lines; an error is an {"error"} line and nothing follows', () => {
    const encoder = ollamaGenerateFormat.createStreamEncoder(context);
    const text = [
      encoder.encode({ type: 'text-delta', id: 't', delta: 'Hi' }),
      encoder.encode({ type: 'error', error: new GatewayError({ code: 'stream_interrupted', status: 502, message: 'cut' }) }),
      encoder.encode({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage }),
      encoder.end(),
    ].join('');
    const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines.length, 2);
    assert.deepEqual(stable(lines[0]!), { model: 'local/qwen3', response: 'Hi', done: false });
    assert.deepEqual(lines[1], { error: 'cut' });
  });
});

describe('ollama errors and model endpoints', () => {
  it('renders {"error": message} with the status', () => {
    const rendered = ollamaChatFormat.errors.renderError(new GatewayError({ code: 'model_not_found', status: 404, message: "model 'x' not found" }), 'r');
    assert.equal(rendered.status, 404);
    assert.deepEqual(rendered.body, { error: "model 'x' not found" });
  });

  it('tags, show and version have the fields clients read', () => {
    const tags = encodeOllamaTags([{ name: 'openai/gpt-4o', modifiedAt: 0, family: 'gpt' }, { name: 'combo' }]);
    assert.equal(tags.models.length, 2);
    const [first] = tags.models;
    assert.deepEqual({ ...first, digest: undefined }, {
      name: 'openai/gpt-4o',
      model: 'openai/gpt-4o',
      modified_at: '1970-01-01T00:00:00.000Z',
      size: 0,
      digest: undefined,
      details: { parent_model: '', format: '', family: 'gpt', families: ['gpt'], parameter_size: '', quantization_level: '' },
    });
    assert.match(String(first?.digest), /^[0-9a-f]{64}$/);
    const show = encodeOllamaShow({ model: { name: 'openai/gpt-4o', family: 'gpt' }, capabilities: ['completion', 'tools', 'vision'], contextLength: 128000 });
    assert.deepEqual(Object.keys(show).sort(), ['capabilities', 'details', 'model_info', 'modelfile', 'modified_at', 'parameters', 'template']);
    assert.deepEqual(show.capabilities, ['completion', 'tools', 'vision']);
    assert.equal((show.model_info as Record<string, unknown>)['gpt.context_length'], 128000);
    assert.match(encodeOllamaVersion().version, /^\d+\.\d+\.\d+$/);
  });
});
