import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ComboStrategy } from '../../../shared/routing.js';
import { orderTargets, type TargetSignals } from '../../../main/gateway/routing/order-targets.js';
import type { CandidateGroup } from '../../../main/gateway/routing/route-candidate.js';

function group(model: string, weight = 1): CandidateGroup {
  return { model, weight, candidates: [{ publicModel: model, upstreamModel: model, provider: undefined as never }] };
}

/** A small deterministic generator, so distributions are reproducible. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function signals(overrides: Partial<TargetSignals> = {}): TargetSignals {
  return { firstByteMs: () => undefined, price: () => undefined, available: () => true, random: seeded(7), ...overrides };
}

const order = (strategy: ComboStrategy, groups: CandidateGroup[], options: { signals?: TargetSignals; cursors?: Map<string, number> } = {}) =>
  orderTargets({ name: 'c', strategy }, groups, options.signals ?? signals(), options.cursors ?? new Map()).map((entry) => entry.model);

describe('combo strategies', () => {
  const three = [group('x'), group('y'), group('z')];

  it('priority keeps the listed order', () => {
    assert.deepEqual(order('priority', three), ['x', 'y', 'z']);
  });

  it('round-robin starts one further each request and keeps the rest as fallbacks', () => {
    const cursors = new Map<string, number>();
    assert.deepEqual([1, 2, 3, 4].map(() => order('round-robin', three, { cursors })), [
      ['x', 'y', 'z'],
      ['y', 'z', 'x'],
      ['z', 'x', 'y'],
      ['x', 'y', 'z'],
    ]);
  });

  it('weighted: first picks follow the weights within 3% over 20,000 requests', () => {
    const counts = new Map<string, number>();
    const shared = signals({ random: seeded(42) });
    for (let index = 0; index < 20_000; index += 1) {
      const first = order('weighted', [group('x', 6), group('y', 3), group('z', 1)], { signals: shared })[0] as string;
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    for (const [model, share] of [['x', 0.6], ['y', 0.3], ['z', 0.1]] as const) {
      assert.ok(Math.abs((counts.get(model) ?? 0) / 20_000 - share) < 0.03, `${model}: ${counts.get(model)}`);
    }
  });

  it('random spreads first picks evenly and always returns every target', () => {
    const counts = new Map<string, number>();
    const shared = signals({ random: seeded(3) });
    for (let index = 0; index < 9000; index += 1) {
      const ordered = order('random', three, { signals: shared });
      assert.equal(new Set(ordered).size, 3);
      counts.set(ordered[0] as string, (counts.get(ordered[0] as string) ?? 0) + 1);
    }
    for (const model of ['x', 'y', 'z']) assert.ok(Math.abs((counts.get(model) ?? 0) / 9000 - 1 / 3) < 0.03);
  });

  it('least-latency puts unmeasured targets first, then the fastest', () => {
    const latency = new Map([['x', 300], ['z', 120]]);
    assert.deepEqual(order('least-latency', three, { signals: signals({ firstByteMs: (target) => latency.get(target) }) }), ['y', 'z', 'x']);
  });

  it('cost-optimized goes cheapest first, unknown prices last', () => {
    const prices = new Map([['x', 15], ['y', 0.5]]);
    assert.deepEqual(order('cost-optimized', three, { signals: signals({ price: (target) => prices.get(target) }) }), ['y', 'x', 'z']);
  });

  it('fill-first stays on a target until it is out, then stays on the next', () => {
    const cursors = new Map<string, number>();
    const out = new Set<string>();
    const available = signals({ available: (entry) => !out.has(entry.model) });
    assert.deepEqual(order('fill-first', three, { signals: available, cursors }), ['x', 'y', 'z']);
    out.add('x');
    assert.deepEqual(order('fill-first', three, { signals: available, cursors }), ['y', 'z', 'x']);
    out.delete('x');
    assert.deepEqual(order('fill-first', three, { signals: available, cursors }), ['y', 'z', 'x'], 'no flapping back once x recovers');
  });
});
