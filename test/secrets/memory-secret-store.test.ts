import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.js';
import { secretStoreContract } from './secret-store-contract.js';

describe('MemorySecretStore', () => {
  secretStoreContract(async () => new MemorySecretStore());

  test('reports its kind', () => {
    assert.equal(new MemorySecretStore().kind, 'memory');
  });

  test('starts with the seeded secrets', async () => {
    const store = new MemorySecretStore({ 'provider-key': 'sk-seeded' });
    assert.equal(await store.get('provider-key'), 'sk-seeded');
  });

  test('instances do not share secrets', async () => {
    const first = new MemorySecretStore();
    await first.set('provider-key', 'sk-first');
    assert.equal(await new MemorySecretStore().get('provider-key'), undefined);
  });
});
