import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createGeminiStreamDecoder } from '../../../main/providers/gemini/gemini-stream-decoder.js';
import type { StreamPart } from '../../../main/spec/index.js';

/** A recorded-shape stream: thought, signed text, a call with Gemini's own id, CRLF framing, multi-byte text. */
const stream = [
  { candidates: [{ content: { role: 'model', parts: [{ text: 'Plan: ☀️', thought: true }] }, index: 0 }], usageMetadata: { promptTokenCount: 11 }, modelVersion: 'gemini-2.5-pro', responseId: 'resp-1' },
  { candidates: [{ content: { role: 'model', parts: [{ text: '', thought: true, thoughtSignature: 'sig-a' }] }, index: 0 }], usageMetadata: { promptTokenCount: 11 } },
  { candidates: [{ content: { role: 'model', parts: [{ text: 'Grüße ' }] }, index: 0 }] },
  { candidates: [{ content: { role: 'model', parts: [{ text: 'aus Köln', thoughtSignature: 'sig-b' }] }, index: 0 }] },
  { candidates: [{ content: { role: 'model', parts: [{ functionCall: { id: 'fc-1', name: 'lookup', args: { q: 'x' } } }] }, index: 0 }] },
  { candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 11, candidatesTokenCount: 5, thoughtsTokenCount: 3, totalTokenCount: 19 } },
]
  .map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`)
  .join('');

const expected: StreamPart[] = [
  { type: 'response-metadata', id: 'resp-1', modelId: 'gemini-2.5-pro', created: undefined },
  { type: 'reasoning-start', id: 'reasoning-0' },
  { type: 'reasoning-delta', id: 'reasoning-0', delta: 'Plan: ☀️' },
  { type: 'reasoning-end', id: 'reasoning-0', providerMetadata: { gemini: { thoughtSignature: 'sig-a' } } },
  { type: 'text-start', id: 'text-1' },
  { type: 'text-delta', id: 'text-1', delta: 'Grüße ' },
  { type: 'text-end', id: 'text-1' },
  { type: 'text-start', id: 'text-2', providerMetadata: { gemini: { thoughtSignature: 'sig-b' } } },
  { type: 'text-delta', id: 'text-2', delta: 'aus Köln' },
  { type: 'text-end', id: 'text-2' },
  { type: 'tool-input-start', id: 'fc-1', toolName: 'lookup' },
  { type: 'tool-input-delta', id: 'fc-1', delta: '{"q":"x"}' },
  { type: 'tool-input-end', id: 'fc-1' },
  { type: 'tool-call', toolCallId: 'fc-1', toolName: 'lookup', input: '{"q":"x"}', providerMetadata: { gemini: { functionCallId: 'fc-1' } } },
  {
    type: 'finish',
    finishReason: { unified: 'tool-calls', raw: 'STOP' },
    usage: { inputTokens: 11, outputTokens: 8, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: 3 },
    providerMetadata: { gemini: { usageMetadata: { promptTokenCount: 11, candidatesTokenCount: 5, thoughtsTokenCount: 3, totalTokenCount: 19 } } },
  },
];

function decode(chunks: Buffer[]): StreamPart[] {
  const decoder = createGeminiStreamDecoder();
  const parts = chunks.flatMap((chunk) => decoder.push(chunk));
  return [...parts, ...decoder.end()];
}

describe('createGeminiStreamDecoder', () => {
  it('decodes the stream the same way split at every byte boundary', () => {
    const bytes = Buffer.from(stream, 'utf8');
    assert.deepEqual(decode([bytes]), expected);
    for (let cut = 1; cut < bytes.length; cut++) {
      assert.deepEqual(decode([bytes.subarray(0, cut), bytes.subarray(cut)]), expected, `split at byte ${cut}`);
    }
  });

  it('decodes it fed one byte at a time', () => {
    const bytes = Buffer.from(stream, 'utf8');
    assert.deepEqual(decode([...bytes].map((byte) => Buffer.from([byte]))), expected);
  });

  it('emits finish exactly once, at the end, and nothing after end()', () => {
    const decoder = createGeminiStreamDecoder();
    const parts = decoder.push(Buffer.from(stream));
    assert.equal(parts.filter((part) => part.type === 'finish').length, 0);
    assert.equal(decoder.end().filter((part) => part.type === 'finish').length, 1);
    assert.deepEqual(decoder.end(), []);
  });

  it('ends a stream without a finish reason with a stream_interrupted error', () => {
    const cut = stream.slice(0, stream.indexOf('data: {"candidates":[{"content":{"role":"model","parts":[{"functionCall"'));
    const parts = decode([Buffer.from(cut)]);
    const last = parts.at(-1) as Extract<StreamPart, { type: 'error' }>;
    assert.equal(last.type, 'error');
    assert.equal((last.error as { code: string }).code, 'stream_interrupted');
    assert.equal(parts.some((part) => part.type === 'finish'), false);
  });

  it('reads a blocked prompt as a content-filter finish', () => {
    const parts = decode([Buffer.from(`data: ${JSON.stringify({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 4 } })}\n\n`)]);
    assert.deepEqual((parts.at(-1) as Extract<StreamPart, { type: 'finish' }>).finishReason, { unified: 'content-filter', raw: 'SAFETY' });
  });

  it('fails on a malformed event', () => {
    const parts = decode([Buffer.from('data: {not json\n\n')]);
    assert.equal(parts.at(-1)?.type, 'error');
    assert.match(String((parts.at(-1) as { error: Error }).error.message), /not a Gemini GenerateContentResponse/);
  });
});
