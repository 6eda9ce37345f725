import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../main/errors/gateway-error.js';
import { decodeAnthropicResult } from '../../../main/providers/anthropic/decode-anthropic-result.js';
import { mapAnthropicStopReason } from '../../../main/providers/anthropic/map-anthropic-stop-reason.js';

describe('decodeAnthropicResult', () => {
  it('decodes thinking, redacted thinking, text and parallel tool calls in order, with cache usage', () => {
    const result = decodeAnthropicResult({
      id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-6',
      content: [
        { type: 'thinking', thinking: 'Two lookups.', signature: 'EqQBCgIYAhIM' },
        { type: 'redacted_thinking', data: 'EmwKAhgBEgy3' },
        { type: 'text', text: 'Checking both.', citations: null },
        { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris', nested: { unit: 'c', tags: ['a', 'é'] } } },
        { type: 'tool_use', id: 'toolu_01B', name: 'get_time', input: {} },
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 100,
        cache_creation_input_tokens: 20,
        cache_read_input_tokens: 3000,
        output_tokens: 80,
        output_tokens_details: { thinking_tokens: 30 },
        service_tier: 'standard',
      },
    });
    assert.deepEqual(result, {
      content: [
        { type: 'reasoning', text: 'Two lookups.', signature: 'EqQBCgIYAhIM' },
        { type: 'reasoning', text: '', redactedData: 'EmwKAhgBEgy3' },
        { type: 'text', text: 'Checking both.' },
        // The input is serialised exactly once: a JSON string, not a string of a JSON string.
        { type: 'tool-call', toolCallId: 'toolu_01A', toolName: 'get_weather', input: '{"city":"Paris","nested":{"unit":"c","tags":["a","é"]}}' },
        { type: 'tool-call', toolCallId: 'toolu_01B', toolName: 'get_time', input: '{}' },
      ],
      finishReason: { unified: 'tool-calls', raw: 'tool_use' },
      usage: { inputTokens: 3120, outputTokens: 80, cachedInputTokens: 3000, cacheWriteInputTokens: 20, reasoningTokens: 30 },
      response: { id: 'msg_01XFDUDYJgAACzvnptvVoYEL', modelId: 'claude-sonnet-4-6', created: undefined },
    });
  });

  it('keeps the matched stop sequence and leaves unreported usage undefined', () => {
    const result = decodeAnthropicResult({
      id: 'msg_2',
      type: 'message',
      model: 'claude-haiku-4-5',
      content: [{ type: 'text', text: 'one two' }],
      stop_reason: 'stop_sequence',
      stop_sequence: '###',
      usage: { input_tokens: 9, output_tokens: 2 },
    });
    assert.deepEqual(result.providerMetadata, { anthropic: { stopSequence: '###' } });
    assert.deepEqual(result.usage, { inputTokens: 9, outputTokens: 2, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined });
    assert.deepEqual(result.finishReason, { unified: 'stop', raw: 'stop_sequence' });
  });

  it('refuses a body that is not an Anthropic message with a 502', () => {
    for (const body of [null, 'text', { type: 'error', error: { type: 'api_error', message: 'x' } }, { type: 'message', content: [{ type: 'text' }] }, { type: 'message', content: [{ type: 'tool_use', id: 'x' }] }]) {
      assert.throws(
        () => decodeAnthropicResult(body),
        (error: unknown) => error instanceof GatewayError && error.status === 502 && error.code === 'upstream_error',
        JSON.stringify(body),
      );
    }
  });
});

describe('mapAnthropicStopReason', () => {
  it('maps every documented stop reason and keeps the raw value', () => {
    const table = Object.fromEntries(
      ['end_turn', 'stop_sequence', 'max_tokens', 'model_context_window_exceeded', 'tool_use', 'refusal', 'pause_turn', 'something_new', 'constructor'].map((raw) => [raw, mapAnthropicStopReason(raw)]),
    );
    assert.deepEqual(table, {
      end_turn: { unified: 'stop', raw: 'end_turn' },
      stop_sequence: { unified: 'stop', raw: 'stop_sequence' },
      max_tokens: { unified: 'length', raw: 'max_tokens' },
      model_context_window_exceeded: { unified: 'length', raw: 'model_context_window_exceeded' },
      tool_use: { unified: 'tool-calls', raw: 'tool_use' },
      refusal: { unified: 'content-filter', raw: 'refusal' },
      pause_turn: { unified: 'other', raw: 'pause_turn' },
      something_new: { unified: 'other', raw: 'something_new' },
      constructor: { unified: 'other', raw: 'constructor' },
    });
    assert.deepEqual(mapAnthropicStopReason(null), { unified: 'other', raw: undefined });
  });
});
