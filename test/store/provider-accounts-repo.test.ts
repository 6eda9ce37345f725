import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { Store } from '../../main/store/index.js';
import { accountRecord, providerRecord, storePerTest } from './fixtures.js';

describe('ProviderAccountsRepo', () => {
  let store: Store;
  storePerTest((opened) => (store = opened));
  beforeEach(() => {
    store.providers.insert(providerRecord());
    store.providers.insert(providerRecord({ id: 'prv_other', name: 'other' }));
  });

  it('inserts and reads back an account, keyless ones included', () => {
    const keyed = accountRecord();
    const keyless = accountRecord({ id: 'acc_local', secretRef: null, enabled: false });
    store.accounts.insert(keyed);
    store.accounts.insert(keyless);
    assert.deepEqual(store.accounts.get(keyed.id), keyed);
    assert.deepEqual(store.accounts.get(keyless.id), keyless);
    assert.equal(store.accounts.get('acc_missing'), undefined);
  });

  it('refuses an account for a provider that does not exist', () => {
    assert.throws(
      () => store.accounts.insert(accountRecord({ providerId: 'prv_missing' })),
      { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' },
    );
  });

  it('lists a provider\'s accounts by priority, then age', () => {
    store.accounts.insert(accountRecord({ id: 'acc_late', priority: 1, createdAt: 1 }));
    store.accounts.insert(accountRecord({ id: 'acc_newer', priority: 0, createdAt: 20 }));
    store.accounts.insert(accountRecord({ id: 'acc_older', priority: 0, createdAt: 10 }));
    store.accounts.insert(accountRecord({ id: 'acc_elsewhere', providerId: 'prv_other' }));
    assert.deepEqual(
      store.accounts.listByProvider('prv_groq').map((account) => account.id),
      ['acc_older', 'acc_newer', 'acc_late'],
    );
    assert.deepEqual(
      store.accounts.listAll().map((account) => account.id),
      ['acc_older', 'acc_newer', 'acc_late', 'acc_elsewhere'],
    );
  });

  it('updates the given fields; an explicit null secretRef makes the account keyless', () => {
    const record = accountRecord();
    store.accounts.insert(record);
    const updated = store.accounts.update(record.id, { secretRef: null, priority: 3, label: undefined });
    assert.deepEqual(updated, { ...record, secretRef: null, priority: 3 });
    assert.deepEqual(store.accounts.get(record.id), updated);
    assert.equal(store.accounts.update('acc_missing', { priority: 1 }), undefined);
  });

  it('deletes an account and reports whether it existed', () => {
    store.accounts.insert(accountRecord());
    assert.equal(store.accounts.delete('acc_main'), true);
    assert.equal(store.accounts.delete('acc_main'), false);
  });

  it('deletes a provider\'s accounts with the provider', () => {
    store.accounts.insert(accountRecord({ id: 'acc_1' }));
    store.accounts.insert(accountRecord({ id: 'acc_2' }));
    store.accounts.insert(accountRecord({ id: 'acc_kept', providerId: 'prv_other' }));
    store.providers.delete('prv_groq');
    assert.deepEqual(store.accounts.listAll().map((account) => account.id), ['acc_kept']);
  });
});
