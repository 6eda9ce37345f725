import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anthropicMessagesFormat } from '../../../main/formats/anthropic-messages/anthropic-messages-format.js';
import type { FinishReason, GenerateResult } from '../../../main/spec/index.js';
import { context, usage } from './anthropic-test-support.js';

function result(fields: Partial<GenerateResult>): GenerateResult {
  return {
    content: [],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: usage({ inputTokens: 10, outputTokens: 5 }),
    response: { id: 'chatcmpl-abc', modelId: 'gpt-5', created: 1 },
    ...fields,
  };
}

const encode = (fields: Partial<GenerateResult>) => anthropicMessagesFormat.encodeResult(result(fields), context) as Record<string, unknown>;

describe('anthropic-messages encodeResult', () => {
  it('encodes a whole answer as an Anthropic message, blocks in order', () => {
    const body = encode({
      content: [
        { type: 'reasoning', text: 'Plan.', signature: 'sig-1' },
        { type: 'reasoning', text: '', redactedData: 'opaque' },
        { type: 'text', text: 'Reading it.' },
        { type: 'tool-call', toolCallId: 'call_Ab-1', toolName: 'Read', input: '{"file_path":"/a","limit":2}' },
        { type: 'tool-call', toolCallId: 'toolu_2', toolName: 'Bash', input: '' },
      ],
      finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
      usage: usage({ inputTokens: 1200, outputTokens: 80, cachedInputTokens: 1000, cacheWriteInputTokens: 150 }),
    });
    assert.match(String(body.id), /^msg_[0-9a-f]{32}$/);
    assert.deepEqual({ ...body, id: 'msg_x' }, {
      id: 'msg_x',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'thinking', thinking: 'Plan.', signature: 'sig-1' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'text', text: 'Reading it.' },
        { type: 'tool_use', id: 'call_Ab-1', name: 'Read', input: { file_path: '/a', limit: 2 } },
        { type: 'tool_use', id: 'toolu_2', name: 'Bash', input: {} },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      // 1200 prompt tokens of which 1000 read from cache and 150 written to it.
      usage: { input_tokens: 50, cache_creation_input_tokens: 150, cache_read_input_tokens: 1000, output_tokens: 80 },
    });
  });

  it("keeps an upstream's Anthropic message id", () => {
    assert.equal(encode({ response: { id: 'msg_01XFDUDYJgAACzvnptvVoYEL', modelId: undefined, created: undefined } }).id, 'msg_01XFDUDYJgAACzvnptvVoYEL');
  });

  it('never invents token figures: unknown cache figures are null, unknown counts 0', () => {
    assert.deepEqual(encode({ usage: usage({}) }).usage, { input_tokens: 0, cache_creation_input_tokens: null, cache_read_input_tokens: null, output_tokens: 0 });
    assert.deepEqual(encode({ usage: usage({ inputTokens: 7, outputTokens: 3 }) }).usage, {
      input_tokens: 7,
      cache_creation_input_tokens: null,
      cache_read_input_tokens: null,
      output_tokens: 3,
    });
  });

  it('turns tool input that is not a JSON object into {}', () => {
    const body = encode({
      content: [
        { type: 'tool-call', toolCallId: 't1', toolName: 'Bash', input: '{"command": "ls"' },
        { type: 'tool-call', toolCallId: 't2', toolName: 'Bash', input: '["ls"]' },
      ],
    });
    assert.deepEqual(body.content, [
      { type: 'tool_use', id: 't1', name: 'Bash', input: {} },
      { type: 'tool_use', id: 't2', name: 'Bash', input: {} },
    ]);
  });

  it('leaves out empty text and empty reasoning, and signs unsigned reasoning with an empty signature', () => {
    const body = encode({
      content: [
        { type: 'reasoning', text: '' },
        { type: 'reasoning', text: 'From a model that does not sign.' },
        { type: 'text', text: '' },
        { type: 'text', text: 'Answer.' },
      ],
    });
    assert.deepEqual(body.content, [
      { type: 'thinking', thinking: 'From a model that does not sign.', signature: '' },
      { type: 'text', text: 'Answer.' },
    ]);
  });

  it('maps every finish reason to its stop_reason', () => {
    const cases: [FinishReason, string][] = [
      [{ unified: 'stop', raw: 'stop' }, 'end_turn'],
      [{ unified: 'stop', raw: 'end_turn' }, 'end_turn'],
      [{ unified: 'stop', raw: 'stop_sequence' }, 'stop_sequence'],
      [{ unified: 'length', raw: 'length' }, 'max_tokens'],
      [{ unified: 'length', raw: 'model_context_window_exceeded' }, 'model_context_window_exceeded'],
      [{ unified: 'tool-calls', raw: 'tool_calls' }, 'tool_use'],
      [{ unified: 'content-filter', raw: 'content_filter' }, 'refusal'],
      [{ unified: 'other', raw: 'pause_turn' }, 'pause_turn'],
      [{ unified: 'other', raw: 'FINISH_REASON_UNSPECIFIED' }, 'end_turn'],
      [{ unified: 'error', raw: undefined }, 'end_turn'],
    ];
    for (const [finishReason, expected] of cases) assert.equal(encode({ finishReason }).stop_reason, expected, JSON.stringify(finishReason));
  });

  it('reports the matched stop sequence when the upstream named it', () => {
    const body = encode({ finishReason: { unified: 'stop', raw: 'stop_sequence' }, providerMetadata: { anthropic: { stop_sequence: '###' } } });
    assert.equal(body.stop_reason, 'stop_sequence');
    assert.equal(body.stop_sequence, '###');
    assert.equal(encode({ providerMetadata: { anthropic: { stop_sequence: '###' } } }).stop_sequence, null);
    // The Anthropic adapter's own spelling.
    assert.equal(encode({ finishReason: { unified: 'stop', raw: 'stop_sequence' }, providerMetadata: { anthropic: { stopSequence: 'END' } } }).stop_sequence, 'END');
  });
});
