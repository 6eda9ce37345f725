import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../../main/errors/gateway-error.js';
import { ollamaAdapter } from '../../../main/providers/ollama/ollama-adapter.js';
import type { StreamPart } from '../../../main/spec/index.js';

const at = '2025-05-27T22:54:57.641643Z';
const line = (fields: Record<string, unknown>) => `${JSON.stringify({ model: 'qwen3', created_at: at, ...fields })}\n`;
const piece = (message: Record<string, unknown>) => line({ message: { role: 'assistant', content: '', ...message }, done: false });
const doneLine = (reason = 'stop') => line({ message: { role: 'assistant', content: '' }, done: true, done_reason: reason, total_duration: 5, prompt_eval_count: 9, eval_count: 3 });

function decodePieces(pieces: Buffer[]): StreamPart[] {
  const decoder = ollamaAdapter.createStreamDecoder();
  return [...pieces.flatMap((chunk) => decoder.push(chunk)), ...decoder.end()];
}

/** Generated tool call ids differ per run: compared by shape. */
function comparable(parts: StreamPart[]): unknown[] {
  return JSON.parse(JSON.stringify(parts, (key, value: unknown) => (key === 'error' && value instanceof GatewayError ? { code: value.code, status: value.status, message: value.message } : value)).replace(/call_[0-9a-f]{24}/g, 'call_ID')) as unknown[];
}

/** Decodes whole, at every byte boundary, and byte by byte: all must agree. */
function decode(text: string): unknown[] {
  const bytes = Buffer.from(text, 'utf8');
  const whole = comparable(decodePieces([bytes]));
  for (let cut = 1; cut < bytes.length; cut += 1) {
    assert.deepEqual(comparable(decodePieces([bytes.subarray(0, cut), bytes.subarray(cut)])), whole, `split at byte ${cut}`);
  }
  assert.deepEqual(comparable(decodePieces([...bytes].map((byte) => Buffer.from([byte])))), whole, 'byte by byte');
  return whole;
}

const metadata = { type: 'response-metadata', modelId: 'qwen3', created: Math.floor(Date.parse(at) / 1000) };
const usage = { inputTokens: 9, outputTokens: 3 };

describe('ollama stream decoder', () => {
  it('thinking then text (multi-byte characters), finish once with the counts', () => {
    const parts = decode(piece({ thinking: 'Ré' }) + piece({ content: 'Hé ' }) + piece({ content: '🙂' }) + doneLine());
    assert.deepEqual(parts, [
      metadata,
      { type: 'reasoning-start', id: 'reasoning-0' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: 'Ré' },
      { type: 'reasoning-end', id: 'reasoning-0' },
      { type: 'text-start', id: 'text-1' },
      { type: 'text-delta', id: 'text-1', delta: 'Hé ' },
      { type: 'text-delta', id: 'text-1', delta: '🙂' },
      { type: 'text-end', id: 'text-1' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
    ]);
  });

  it('parallel tool calls: each whole, with a generated id, and finish says tool-calls', () => {
    const calls = [{ function: { name: 'weather', arguments: { city: 'Paris' } } }, { function: { name: 'time', arguments: {} } }];
    const parts = decode(piece({ tool_calls: calls }) + doneLine());
    const tool = (name: string, input: string) => [
      { type: 'tool-input-start', id: 'call_ID', toolName: name },
      { type: 'tool-input-delta', id: 'call_ID', delta: input },
      { type: 'tool-input-end', id: 'call_ID' },
      { type: 'tool-call', toolCallId: 'call_ID', toolName: name, input },
    ];
    assert.deepEqual(parts, [metadata, ...tool('weather', '{"city":"Paris"}'), ...tool('time', '{}'), { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'stop' }, usage }]);
    const decoder = ollamaAdapter.createStreamDecoder();
    const ids = decoder.push(Buffer.from(piece({ tool_calls: calls }))).flatMap((part) => (part.type === 'tool-call' ? [part.toolCallId] : []));
    assert.equal(new Set(ids).size, 2);
  });

  it('a body without done:true is stream_interrupted; an error line is an error part; nothing after either', () => {
    const cut = decode(piece({ content: 'Hi' }));
    assert.deepEqual(cut.at(-1), { type: 'error', error: { code: 'stream_interrupted', status: 502, message: 'The provider ended the stream before the answer was complete.' } });
    assert.equal(cut.some((part) => (part as { type: string }).type === 'finish'), false);
    const failed = decode(piece({ content: 'Hi' }) + '{"error":"an error was encountered while running the model"}\n' + doneLine());
    assert.deepEqual(failed.at(-1), { type: 'error', error: { code: 'upstream_error', status: 502, message: 'an error was encountered while running the model' } });
    assert.equal(failed.some((part) => (part as { type: string }).type === 'finish'), false);
  });

  it('a last line without its newline still counts; CRLF and blank lines are tolerated', () => {
    const parts = decode(piece({ content: 'A' }).replace('\n', '\r\n') + '\n' + doneLine('length').trimEnd());
    assert.deepEqual(parts.at(-1), { type: 'finish', finishReason: { unified: 'length', raw: 'length' }, usage });
  });
});
