import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lastEventBoundary } from '../../main/server/stream-transforms.js';

/** The definition: just past the last blank line, `\n\n` or `\r\n\r\n`, whichever ends later. */
function byDefinition(text: string): number {
  const lf = text.lastIndexOf('\n\n');
  const crlf = text.lastIndexOf('\r\n\r\n');
  return Math.max(lf === -1 ? 0 : lf + 2, crlf === -1 ? 0 : crlf + 4);
}

/** Every string up to `length` characters over `alphabet`. */
function* allStrings(alphabet: string[], length: number): Generator<string> {
  yield '';
  let previous = [''];
  for (let size = 1; size <= length; size += 1) {
    const next = previous.flatMap((prefix) => alphabet.map((letter) => prefix + letter));
    yield* next;
    previous = next;
  }
}

describe('lastEventBoundary', () => {
  it('agrees with the definition for every chunk of up to 7 bytes of text, CR and LF', () => {
    let checked = 0;
    for (const text of allStrings(['x', '\r', '\n'], 7)) {
      assert.equal(lastEventBoundary(Buffer.from(text)), byDefinition(text), JSON.stringify(text));
      checked += 1;
    }
    assert.equal(checked, (3 ** 8 - 1) / 2);
  });

  it('finds the boundary of real SSE chunks, whole or cut', () => {
    const events = 'event: a\ndata: {"x":1}\n\nevent: b\r\ndata: {"x":2}\r\n\r\n';
    for (let cut = 0; cut <= events.length; cut += 1) {
      const chunk = events.slice(0, cut);
      assert.equal(lastEventBoundary(Buffer.from(chunk)), byDefinition(chunk), `cut at ${cut}`);
    }
  });
});
