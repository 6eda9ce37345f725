import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newId } from '../../main/store/ids.js';

describe('newId', () => {
  it('is the prefix, an underscore and 16 lowercase base32 characters', () => {
    assert.match(newId('prv'), /^prv_[a-z2-7]{16}$/);
    assert.match(newId('key'), /^key_[a-z2-7]{16}$/);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('acc')));
    assert.equal(ids.size, 10_000);
  });
});
