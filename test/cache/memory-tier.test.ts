import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryTier } from '../../main/cache/memory-tier.js';
import { answerSize, type StoredAnswer } from '../../main/cache/stored-answer.js';

const answer = (text: string): StoredAnswer => ({ status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(text) });
const far = Number.MAX_SAFE_INTEGER;

describe('MemoryTier (the response cache memory tier)', () => {
  it('evicts the least recently used answer beyond maxEntries; a read counts as use', () => {
    const tier = new MemoryTier({ maxEntries: 2, maxBytes: 1 << 20 });
    tier.set('a', answer('A'), far);
    tier.set('b', answer('B'), far);
    assert.ok(tier.get('a', 0), 'a is now the most recently used');
    tier.set('c', answer('C'), far);
    assert.equal(tier.get('b', 0), undefined, 'b was the least recently used');
    assert.equal(tier.get('a', 0)?.body.toString(), 'A');
    assert.equal(tier.get('c', 0)?.body.toString(), 'C');
    assert.equal(tier.size, 2);
  });

  it('evicts by bytes, and never keeps an answer larger than maxBytes', () => {
    const one = answer('x'.repeat(1000));
    const size = answerSize(one);
    const tier = new MemoryTier({ maxEntries: 100, maxBytes: size * 2 + 10 });
    tier.set('a', one, far);
    tier.set('b', answer('y'.repeat(1000)), far);
    assert.equal(tier.bytes, size * 2);
    tier.set('c', answer('z'.repeat(1000)), far);
    assert.equal(tier.get('a', 0), undefined);
    assert.equal(tier.size, 2);
    assert.equal(tier.bytes, size * 2);
    assert.equal(tier.set('huge', answer('h'.repeat(size * 3)), far), false);
    assert.equal(tier.get('huge', 0), undefined);
    assert.equal(tier.size, 2, 'a refused answer evicts nothing');
  });

  it('expires answers at their time and applies new bounds at once', () => {
    const tier = new MemoryTier({ maxEntries: 10, maxBytes: 1 << 20 });
    tier.set('a', answer('A'), 100);
    tier.set('b', answer('B'), far);
    tier.set('c', answer('C'), far);
    assert.ok(tier.get('a', 99));
    assert.equal(tier.get('a', 100), undefined);
    assert.equal(tier.size, 2);
    tier.resize({ maxEntries: 1, maxBytes: 1 << 20 });
    assert.equal(tier.size, 1);
    assert.ok(tier.get('c', 0));
  });
});
