import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomHex128 } from '../../main/util/random-hex.js';

test('randomHex128 gives 32 lowercase hex digits, unique across pool refills', () => {
  const seen = new Set<string>();
  // 2,000 ids span several refills of the 256-id pool.
  for (let index = 0; index < 2000; index++) {
    const id = randomHex128();
    assert.match(id, /^[0-9a-f]{32}$/);
    seen.add(id);
  }
  assert.equal(seen.size, 2000);
});

test('randomHex128 uses every digit in every position (no fixed bits, unlike a UUID)', () => {
  const digitsAt = Array.from({ length: 32 }, () => new Set<string>());
  for (let index = 0; index < 2000; index++) [...randomHex128()].forEach((digit, position) => digitsAt[position]?.add(digit));
  for (const digits of digitsAt) assert.equal(digits.size, 16);
});
