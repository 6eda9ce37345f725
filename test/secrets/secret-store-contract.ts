import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { SecretStore } from '../../main/secrets/secret-store.js';

/**
 * The behaviour every SecretStore must have, run by each implementation's test file. Names are
 * unique per call so that stores backed by shared state (the keychain) cannot see other runs.
 */
export function secretStoreContract(openStore: () => Promise<SecretStore>): void {
  const unique = (label: string): string => `${label}-${randomUUID()}`;

  test('a secret that was set is read back', async () => {
    const store = await openStore();
    const name = unique('round-trip');
    await store.set(name, 'sk-test-1234567890');
    assert.equal(await store.get(name), 'sk-test-1234567890');
    await store.delete(name);
  });

  test('a missing secret reads as undefined, not an error', async () => {
    const store = await openStore();
    assert.equal(await store.get(unique('never-set')), undefined);
  });

  test('setting a secret again replaces its value', async () => {
    const store = await openStore();
    const name = unique('overwrite');
    await store.set(name, 'first');
    await store.set(name, 'second');
    assert.equal(await store.get(name), 'second');
    await store.delete(name);
  });

  test('delete reports true for an existing secret, then false once it is gone', async () => {
    const store = await openStore();
    const name = unique('delete');
    await store.set(name, 'value');
    assert.equal(await store.delete(name), true);
    assert.equal(await store.get(name), undefined);
    assert.equal(await store.delete(name), false);
  });

  test('secrets are kept apart by name', async () => {
    const store = await openStore();
    const first = unique('first');
    const second = unique('second');
    await store.set(first, 'one');
    await store.set(second, 'two');
    await store.delete(first);
    assert.equal(await store.get(first), undefined);
    assert.equal(await store.get(second), 'two');
    await store.delete(second);
  });

  test('unicode names and values survive unchanged', async () => {
    const store = await openStore();
    const name = unique('ключ-🔑');
    const value = 'pässwörd ✓ 密码 🔐 \u{1F600} line\nbreak "quoted" \\ end';
    await store.set(name, value);
    assert.equal(await store.get(name), value);
    await store.delete(name);
  });

  test('an empty value is stored, and is not the same as a missing secret', async () => {
    const store = await openStore();
    const name = unique('empty');
    await store.set(name, '');
    assert.equal(await store.get(name), '');
    assert.equal(await store.delete(name), true);
  });

  test('a long value, like an OAuth token bundle, survives unchanged', async () => {
    const store = await openStore();
    const name = unique('long');
    const value = JSON.stringify({ access_token: 'a'.repeat(4000), refresh_token: randomUUID() });
    await store.set(name, value);
    assert.equal(await store.get(name), value);
    await store.delete(name);
  });

  test('a secret named like an Object.prototype key is an ordinary secret', async () => {
    const store = await openStore();
    assert.equal(await store.get('constructor'), undefined);
    await store.set('__proto__', 'not a prototype');
    assert.equal(await store.get('__proto__'), 'not a prototype');
    assert.equal(await store.delete('__proto__'), true);
    assert.equal(await store.get('__proto__'), undefined);
  });
}
