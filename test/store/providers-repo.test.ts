import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openStore, type Store } from '../../main/store/index.js';
import { createTempDir, providerRecord, removeTempDir } from './fixtures.js';

describe('ProvidersRepo', () => {
  let dataDir: string;
  let store: Store;
  let clock: number;

  beforeEach(() => {
    dataDir = createTempDir();
    clock = 5_000;
    store = openStore({ dataDir, now: () => clock });
  });
  afterEach(() => {
    store.close();
    removeTempDir(dataDir);
  });

  it('inserts and reads back a provider by id and by name', () => {
    const record = providerRecord({ models: ['a', 'b/c'], discoveredModels: ['x'], enabled: false });
    store.providers.insert(record);
    assert.deepEqual(store.providers.get(record.id), record);
    assert.deepEqual(store.providers.getByName('groq'), record);
    assert.equal(store.providers.get('prv_missing'), undefined);
    assert.equal(store.providers.getByName('missing'), undefined);
  });

  it('lists providers by name', () => {
    store.providers.insert(providerRecord({ id: 'prv_2', name: 'openrouter' }));
    store.providers.insert(providerRecord({ id: 'prv_1', name: 'anthropic' }));
    assert.deepEqual(store.providers.list().map((provider) => provider.name), ['anthropic', 'openrouter']);
  });

  it('refuses a second provider with the same name', () => {
    store.providers.insert(providerRecord());
    assert.throws(() => store.providers.insert(providerRecord({ id: 'prv_other' })), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
  });

  it('updates the given fields, bumps updatedAt and leaves the rest', () => {
    const record = providerRecord();
    store.providers.insert(record);
    clock = 9_000;
    const updated = store.providers.update(record.id, { baseUrl: 'https://proxy.test/v1', enabled: false, name: undefined });
    const expected = { ...record, baseUrl: 'https://proxy.test/v1', enabled: false, updatedAt: 9_000 };
    assert.deepEqual(updated, expected);
    assert.deepEqual(store.providers.get(record.id), expected);
    assert.equal(store.providers.update('prv_missing', { enabled: false }), undefined);
  });

  it('replaces the discovered models without bumping updatedAt', () => {
    const record = providerRecord();
    store.providers.insert(record);
    clock = 9_000;
    assert.equal(store.providers.setDiscoveredModels(record.id, ['m1', 'm2']), true);
    assert.deepEqual(store.providers.get(record.id), { ...record, discoveredModels: ['m1', 'm2'] });
    assert.equal(store.providers.setDiscoveredModels('prv_missing', []), false);
  });

  it('deletes a provider and reports whether it existed', () => {
    store.providers.insert(providerRecord());
    assert.equal(store.providers.delete('prv_groq'), true);
    assert.equal(store.providers.get('prv_groq'), undefined);
    assert.equal(store.providers.delete('prv_groq'), false);
  });

  it('stores the model lists as JSON arrays', () => {
    store.providers.insert(providerRecord({ models: ['with "quotes"', 'ünïcode'] }));
    const raw = store.db.prepare('SELECT models, discovered_models FROM providers').get();
    assert.deepEqual(raw, { models: '["with \\"quotes\\"","ünïcode"]', discovered_models: '[]' });
  });

  it('fails loudly on a damaged JSON column', () => {
    store.providers.insert(providerRecord());
    store.db.prepare("UPDATE providers SET models = '{\"not\":\"an array\"}'").run();
    assert.throws(() => store.providers.list(), /providers\.models does not hold a JSON array of strings/);
  });
});
