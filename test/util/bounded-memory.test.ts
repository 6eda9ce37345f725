import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reasoningSize, type RememberedReasoning } from '../../main/providers/openai-responses/reasoning-memory.js';
import { BoundedMemory } from '../../main/util/bounded-memory.js';

/** The memories of vendor signatures and reasoning (Gemini, Responses, Anthropic) are BoundedMemory instances. */
describe('BoundedMemory', () => {
  it('forgets the oldest beyond its count, and until the newest fits its size (signatures by length)', () => {
    const memory = new BoundedMemory<string>({ maxEntries: 3, maxSize: 100 }, (signature) => signature.length);
    for (const id of ['a', 'b', 'c', 'd']) memory.set(id, `sig-${id}`);
    assert.deepEqual(['a', 'b', 'c', 'd'].map((id) => memory.get(id)), [undefined, 'sig-b', 'sig-c', 'sig-d']);
    memory.set('big', 'x'.repeat(95));
    assert.equal(memory.get('big')?.length, 95);
    assert.deepEqual(['b', 'c', 'd'].map((id) => memory.get(id)), [undefined, undefined, 'sig-d'], 'the oldest go until 100 characters fit');
  });

  it('weighs Responses reasoning by its encrypted content', () => {
    const memory = new BoundedMemory<readonly RememberedReasoning[]>({ maxEntries: 2, maxSize: 1000 }, reasoningSize);
    for (const id of ['a', 'b', 'c']) memory.set(id, [{ id: `rs_${id}`, encryptedContent: 'E' }]);
    assert.deepEqual(['a', 'b', 'c'].map((id) => memory.get(id)?.[0]?.id), [undefined, 'rs_b', 'rs_c']);
    memory.set('big', [{ id: 'rs_big', encryptedContent: 'x'.repeat(999) }]);
    assert.deepEqual(['b', 'c', 'big'].map((id) => memory.get(id)?.[0]?.id), [undefined, 'rs_c', 'rs_big']);
  });

  it('replacing a key counts its new size, not both', () => {
    const memory = new BoundedMemory<string>({ maxEntries: 10, maxSize: 10 }, (value) => value.length);
    memory.set('a', '12345');
    memory.set('a', '123456');
    memory.set('b', '1234');
    assert.deepEqual([memory.get('a'), memory.get('b'), memory.size], ['123456', '1234', 2]);
  });
});
