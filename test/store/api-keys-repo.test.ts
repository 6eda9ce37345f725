import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../main/store/index.js';
import { apiKeyRecord, storePerTest } from './fixtures.js';

describe('ApiKeysRepo', () => {
  let store: Store;
  storePerTest((opened) => (store = opened));

  it('inserts and reads back a key by id and by hash', () => {
    const record = apiKeyRecord({ models: ['groq/*', 'anthropic/claude-sonnet-4'] });
    store.apiKeys.insert(record);
    assert.deepEqual(store.apiKeys.get(record.id), record);
    assert.deepEqual(store.apiKeys.getByHash(record.keyHash), record);
    assert.equal(store.apiKeys.getByHash('b'.repeat(64)), undefined);
  });

  it('keeps null models (every model allowed) apart from an empty list', () => {
    store.apiKeys.insert(apiKeyRecord({ id: 'key_all', keyHash: '1'.repeat(64), models: null }));
    store.apiKeys.insert(apiKeyRecord({ id: 'key_none', keyHash: '2'.repeat(64), models: [] }));
    assert.equal(store.apiKeys.get('key_all')?.models, null);
    assert.deepEqual(store.apiKeys.get('key_none')?.models, []);
  });

  it('lists keys oldest first', () => {
    store.apiKeys.insert(apiKeyRecord({ id: 'key_new', keyHash: '1'.repeat(64), createdAt: 20 }));
    store.apiKeys.insert(apiKeyRecord({ id: 'key_old', keyHash: '2'.repeat(64), createdAt: 10 }));
    assert.deepEqual(store.apiKeys.list().map((key) => key.id), ['key_old', 'key_new']);
  });

  it('refuses a duplicate hash', () => {
    store.apiKeys.insert(apiKeyRecord());
    assert.throws(() => store.apiKeys.insert(apiKeyRecord({ id: 'key_other' })), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
  });

  it('revokes once, keeping the first revocation time', () => {
    store.apiKeys.insert(apiKeyRecord());
    assert.equal(store.apiKeys.revoke('key_laptop', 2_000), true);
    assert.equal(store.apiKeys.revoke('key_laptop', 3_000), false);
    assert.equal(store.apiKeys.get('key_laptop')?.revokedAt, 2_000);
    assert.equal(store.apiKeys.revoke('key_missing', 2_000), false);
  });

  it('deletes a key and reports whether it existed', () => {
    store.apiKeys.insert(apiKeyRecord());
    assert.equal(store.apiKeys.delete('key_laptop'), true);
    assert.equal(store.apiKeys.get('key_laptop'), undefined);
    assert.equal(store.apiKeys.delete('key_laptop'), false);
  });

  it('records batched uses, keeping the newest time and ignoring unknown ids', () => {
    store.apiKeys.insert(apiKeyRecord({ id: 'key_a', keyHash: '1'.repeat(64) }));
    store.apiKeys.insert(apiKeyRecord({ id: 'key_b', keyHash: '2'.repeat(64) }));
    store.apiKeys.touchLastUsed([
      { id: 'key_a', at: 5_000 },
      { id: 'key_a', at: 4_000 },
      { id: 'key_b', at: 6_000 },
      { id: 'key_gone', at: 7_000 },
    ]);
    store.apiKeys.touchLastUsed([]);
    assert.equal(store.apiKeys.get('key_a')?.lastUsedAt, 5_000);
    assert.equal(store.apiKeys.get('key_b')?.lastUsedAt, 6_000);
  });
});
