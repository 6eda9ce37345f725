/**
 * The combos, model_aliases and routing_policies repos on a real database file: round trips of the
 * JSON columns, ordering, updates that bump `updatedAt`, alias upserts, and a damaged JSON column
 * failing loudly with its name.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openStore, type Store } from '../../main/store/index.js';
import type { ComboRecord, PolicyRecord } from '../../main/store/routing-types.js';
import { createTempDir, removeTempDir } from './fixtures.js';

const combo: ComboRecord = {
  id: 'cmb_fast',
  name: 'fast',
  strategy: 'weighted',
  targets: [
    { model: 'groq/llama', weight: 3 },
    { model: 'sonnet', weight: 1 },
  ],
  enabled: true,
  createdAt: 1_000,
  updatedAt: 1_000,
};

const policy: PolicyRecord = {
  id: 'pol_ci',
  name: 'ci',
  enabled: true,
  priority: 2,
  match: { apiKeyIds: ['key_ci'], models: ['gpt-*'], tags: ['batch'], minInputTokens: 10, maxInputTokens: 20 },
  action: { type: 'allow-providers', providers: ['groq'] },
  createdAt: 1_000,
  updatedAt: 1_000,
};

describe('routing repos', () => {
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

  it('round-trips a combo, finds it by name, and refuses a second one with that name', () => {
    store.combos.insert(combo);
    assert.deepEqual(store.combos.get('cmb_fast'), combo);
    assert.deepEqual(store.combos.getByName('fast'), combo);
    assert.throws(() => store.combos.insert({ ...combo, id: 'cmb_other' }), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
  });

  it('updates a combo, bumping updatedAt, and deletes it', () => {
    store.combos.insert(combo);
    clock = 9_000;
    const updated = store.combos.update('cmb_fast', { strategy: 'priority', targets: [{ model: 'groq/llama', weight: 1 }], enabled: undefined });
    assert.deepEqual(updated, { ...combo, strategy: 'priority', targets: [{ model: 'groq/llama', weight: 1 }], updatedAt: 9_000 });
    assert.deepEqual(store.combos.get('cmb_fast'), updated);
    assert.equal(store.combos.update('cmb_missing', { enabled: false }), undefined);
    assert.equal(store.combos.delete('cmb_fast'), true);
    assert.equal(store.combos.delete('cmb_fast'), false);
  });

  it('upserts aliases, keeping the first creation time, and lists them by alias', () => {
    assert.equal(store.modelAliases.upsert({ alias: 'sonnet', model: 'a/claude', createdAt: 1 }), true);
    assert.equal(store.modelAliases.upsert({ alias: 'sonnet', model: 'b/claude', createdAt: 2 }), false);
    store.modelAliases.upsert({ alias: 'anthropic/*', model: 'b/*', createdAt: 3 });
    assert.deepEqual(store.modelAliases.list(), [
      { alias: 'anthropic/*', model: 'b/*', createdAt: 3 },
      { alias: 'sonnet', model: 'b/claude', createdAt: 1 },
    ]);
    assert.equal(store.modelAliases.delete('sonnet'), true);
    assert.equal(store.modelAliases.get('sonnet'), undefined);
  });

  it('round-trips a policy and lists policies by priority, then age', () => {
    store.routingPolicies.insert(policy);
    store.routingPolicies.insert({ ...policy, id: 'pol_first', priority: -1, match: {}, action: { type: 'route', model: 'fast' } });
    assert.deepEqual(store.routingPolicies.get('pol_ci'), policy);
    assert.deepEqual(store.routingPolicies.list().map((entry) => entry.id), ['pol_first', 'pol_ci']);
    clock = 7_000;
    assert.deepEqual(store.routingPolicies.update('pol_ci', { enabled: false }), { ...policy, enabled: false, updatedAt: 7_000 });
  });

  it('fails loudly, naming the column, when a JSON column was damaged', () => {
    store.combos.insert(combo);
    store.routingPolicies.insert(policy);
    store.db.prepare("UPDATE combos SET targets = '[{\"model\": 5}]'").run();
    store.db.prepare("UPDATE routing_policies SET action = '{\"type\": \"explode\"}'").run();
    assert.throws(() => store.combos.list(), /Column combos\.targets does not hold a valid document/);
    assert.throws(() => store.routingPolicies.list(), /Column routing_policies\.action does not hold a valid document/);
    store.db.prepare("UPDATE combos SET targets = '[]', strategy = 'fastest'").run();
    assert.throws(() => store.combos.list(), /Column combos\.strategy holds an unknown strategy 'fastest'/);
  });
});
