import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openStore, type Store } from '../../main/store/index.js';
import { createTempDir, removeTempDir } from './fixtures.js';

describe('SettingsRepo', () => {
  let dataDir: string;
  let store: Store;
  let clock: number;

  beforeEach(() => {
    dataDir = createTempDir();
    clock = 1_000;
    store = openStore({ dataDir, now: () => clock });
  });
  afterEach(() => {
    store.close();
    removeTempDir(dataDir);
  });

  it('round-trips JSON values of every shape', () => {
    const values = { flag: true, count: 3, name: 'x', nothing: null, list: [1, 'two'], nested: { a: { b: [] } } };
    for (const [key, value] of Object.entries(values)) store.settings.set(key, value);
    for (const [key, value] of Object.entries(values)) assert.deepEqual(store.settings.get(key), value);
    assert.deepEqual(store.settings.getAll(), values);
  });

  it('returns undefined for a setting never stored', () => {
    assert.equal(store.settings.get('missing'), undefined);
    assert.deepEqual(store.settings.getAll(), {});
  });

  it('overwrites a value and its update time', () => {
    store.settings.set('requireApiKey', false);
    clock = 2_000;
    store.settings.set('requireApiKey', true);
    assert.equal(store.settings.get('requireApiKey'), true);
    assert.deepEqual(store.db.prepare('SELECT value, updated_at FROM settings').all(), [{ value: 'true', updated_at: 2_000 }]);
  });

  it('sets several values at once', () => {
    store.settings.setMany({ a: 1, b: 'two' });
    assert.deepEqual(store.settings.getAll(), { a: 1, b: 'two' });
  });

  it('applies none of a batch when one value cannot be stored', () => {
    store.settings.set('a', 1);
    assert.throws(() => store.settings.setMany({ a: 2, b: undefined }), TypeError);
    assert.deepEqual(store.settings.getAll(), { a: 1 });
  });

  it('keeps a __proto__ key as plain data', () => {
    store.settings.set('__proto__', { polluted: true });
    const all = store.settings.getAll();
    assert.equal(Object.getPrototypeOf(all), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(all, '__proto__')?.value, { polluted: true });
  });
});
