/**
 * RoutingTable over a real store: what it loads, alias resolution (plain first, then the longest
 * wildcard prefix, one step only), policy order, and that lookups never read SQLite after reload.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RoutingTable } from '../../main/gateway/routing-table.js';
import type { Store } from '../../main/store/index.js';
import type { ComboRecord, PolicyRecord } from '../../main/store/routing-types.js';
import { storePerTest } from '../store/fixtures.js';

function combo(overrides: Partial<ComboRecord>): ComboRecord {
  return { id: 'cmb_a', name: 'fast', strategy: 'priority', targets: [{ model: 'p/m', weight: 1 }], enabled: true, createdAt: 1_000, updatedAt: 1_000, ...overrides };
}

function policy(overrides: Partial<PolicyRecord>): PolicyRecord {
  return { id: 'pol_a', name: 'p', enabled: true, priority: 0, match: {}, action: { type: 'deny-providers', providers: ['p'] }, createdAt: 1_000, updatedAt: 1_000, ...overrides };
}

describe('RoutingTable', () => {
  let store: Store;
  storePerTest((opened) => (store = opened));

  it('is empty on a new database', () => {
    const table = new RoutingTable(store);
    assert.deepEqual([table.combos(), table.aliases(), table.policies()], [[], [], []]);
    assert.equal(table.combo('fast'), undefined);
    assert.equal(table.resolveAlias('anything/at-all'), undefined);
  });

  it('finds combos by name, disabled ones included, and sees changes only after reload', () => {
    const table = new RoutingTable(store);
    store.combos.insert(combo({ id: 'cmb_on', name: 'on' }));
    store.combos.insert(combo({ id: 'cmb_off', name: 'off', enabled: false, targets: [{ model: 'on', weight: 5 }] }));
    assert.equal(table.combo('on'), undefined, 'no SQLite read before reload');
    table.reload();
    assert.equal(table.combo('on')?.id, 'cmb_on');
    assert.deepEqual(table.combo('off'), combo({ id: 'cmb_off', name: 'off', enabled: false, targets: [{ model: 'on', weight: 5 }] }));
    assert.deepEqual(table.combos().map((entry) => entry.name), ['off', 'on']);
  });

  it('resolves a plain alias before any wildcard, and one step only', () => {
    store.modelAliases.upsert({ alias: 'sonnet', model: 'anthropic-main/claude-sonnet-4-5', createdAt: 1 });
    store.modelAliases.upsert({ alias: 'anthropic/claude-x', model: 'direct/claude-x', createdAt: 1 });
    store.modelAliases.upsert({ alias: 'anthropic/*', model: 'claude-pro/*', createdAt: 1 });
    store.modelAliases.upsert({ alias: 'claude-pro/*', model: 'claude-backup/*', createdAt: 1 });
    const table = new RoutingTable(store);
    assert.equal(table.resolveAlias('sonnet'), 'anthropic-main/claude-sonnet-4-5');
    assert.equal(table.resolveAlias('anthropic/claude-x'), 'direct/claude-x');
    assert.equal(table.resolveAlias('anthropic/claude-y'), 'claude-pro/claude-y', 'one step: not on to claude-backup');
    assert.equal(table.resolveAlias('claude-pro/claude-y'), 'claude-backup/claude-y');
    assert.equal(table.resolveAlias('unknown'), undefined);
    assert.equal(table.resolveAlias('anthropic-main/claude-sonnet-4-5'), undefined);
  });

  it('picks the longest matching wildcard prefix and keeps the rest whole', () => {
    store.modelAliases.upsert({ alias: 'openrouter/*', model: 'or-main/*', createdAt: 1 });
    store.modelAliases.upsert({ alias: 'openrouter/anthropic/*', model: 'claude-pro/*', createdAt: 1 });
    const table = new RoutingTable(store);
    assert.equal(table.resolveAlias('openrouter/anthropic/claude-x'), 'claude-pro/claude-x');
    assert.equal(table.resolveAlias('openrouter/meta/llama-3/70b'), 'or-main/meta/llama-3/70b');
    assert.equal(table.resolveAlias('openrouter/'), undefined, 'the wildcard needs something to stand for');
    assert.equal(table.resolveAlias('openrouter'), undefined);
    assert.equal(table.resolveAlias('xopenrouter/m'), undefined);
  });

  it('gives enabled policies by priority, then creation time, then id', () => {
    store.routingPolicies.insert(policy({ id: 'pol_late', priority: 10, createdAt: 1 }));
    store.routingPolicies.insert(policy({ id: 'pol_b', priority: -1, createdAt: 5 }));
    store.routingPolicies.insert(policy({ id: 'pol_a', priority: -1, createdAt: 5 }));
    store.routingPolicies.insert(policy({ id: 'pol_old', priority: -1, createdAt: 2 }));
    store.routingPolicies.insert(policy({ id: 'pol_off', priority: -50, enabled: false }));
    const table = new RoutingTable(store);
    assert.deepEqual(table.policies().map((entry) => entry.id), ['pol_old', 'pol_a', 'pol_b', 'pol_late']);
    assert.ok(Object.isFrozen(table.policies()));
  });

  it('keeps the old view for a holder of the snapshot while reload swaps in a new one', () => {
    const table = new RoutingTable(store);
    const before = table.snapshot;
    store.modelAliases.upsert({ alias: 'a', model: 'p/m', createdAt: 1 });
    table.reload();
    assert.equal(before.resolveAlias('a'), undefined);
    assert.equal(table.resolveAlias('a'), 'p/m');
    store.modelAliases.delete('a');
    table.reload();
    assert.equal(table.resolveAlias('a'), undefined);
  });
});
