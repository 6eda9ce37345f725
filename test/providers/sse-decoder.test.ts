import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SseDecoder, type SseEvent } from '../../main/providers/sse-decoder.js';

function decodeInPieces(text: string, sizes: number[]): SseEvent[] {
  const bytes = Buffer.from(text, 'utf8');
  const decoder = new SseDecoder();
  const events: SseEvent[] = [];
  let offset = 0;
  for (const size of sizes) {
    events.push(...decoder.push(bytes.subarray(offset, offset + size)));
    offset += size;
  }
  events.push(...decoder.push(bytes.subarray(offset)), ...decoder.end());
  return events;
}

describe('SseDecoder', () => {
  it('parses named and plain events, multi-line data, comments', () => {
    const text = ': ping\n\nevent: message_start\ndata: {"a":1}\n\ndata: line one\ndata: line two\n\ndata: [DONE]\n\n';
    assert.deepEqual(decodeInPieces(text, []), [
      { event: 'message_start', data: '{"a":1}' },
      { event: undefined, data: 'line one\nline two' },
      { event: undefined, data: '[DONE]' },
    ]);
  });

  it('gives the same events whatever the chunking, CRLF and multi-byte characters included', () => {
    const text = 'event: delta\r\ndata: {"text":"héllo ✓ 🙂"}\r\n\r\nevent: delta\rdata: x\r\r';
    const expected = [
      { event: 'delta', data: '{"text":"héllo ✓ 🙂"}' },
      { event: 'delta', data: 'x' },
    ];
    const length = Buffer.byteLength(text);
    for (let size = 1; size <= length; size += 1) {
      assert.deepEqual(decodeInPieces(text, Array.from({ length: Math.ceil(length / size) }, () => size)), expected, `chunks of ${size}`);
    }
  });

  it('keeps a final event that lacks its blank line', () => {
    assert.deepEqual(decodeInPieces('data: last', []), [{ event: undefined, data: 'last' }]);
  });

  it('drops an event with no data, and takes "data" without a colon as empty data', () => {
    assert.deepEqual(decodeInPieces('event: empty\n\ndata\n\n', []), [{ event: undefined, data: '' }]);
  });
});
