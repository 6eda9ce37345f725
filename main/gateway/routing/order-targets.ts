import type { ComboStrategy } from '../../../shared/routing.js';
import type { CandidateGroup } from './route-candidate.js';

/** What the combo strategies read about the live state of targets. */
export interface TargetSignals {
  /** Moving average of time to first byte (ms), undefined when never measured. */
  firstByteMs(target: string): number | undefined;
  /** Price per million tokens (input + output), undefined when unknown. */
  price(target: string): number | undefined;
  /** Whether at least one account behind the group may take a request now. */
  available(group: CandidateGroup): boolean;
  random(): number;
}

/**
 * Orders a combo's targets for one request. Every strategy returns every target: the order says
 * which is tried first, and the rest remain fallbacks. `cursors` keeps the round-robin and
 * fill-first position per combo between requests.
 */
export function orderTargets(
  combo: { name: string; strategy: ComboStrategy },
  groups: CandidateGroup[],
  signals: TargetSignals,
  cursors: Map<string, number>,
): CandidateGroup[] {
  if (groups.length < 2) return groups;
  switch (combo.strategy) {
    case 'priority':
      return groups;
    case 'round-robin': {
      const start = cursors.get(combo.name) ?? 0;
      cursors.set(combo.name, (start + 1) % groups.length);
      return rotate(groups, start % groups.length);
    }
    case 'fill-first': {
      // Stay on the current target until it is out (cooling down, breaker open), then move on and
      // stay there: one quota is used up before the next is touched, without flapping back.
      let start = (cursors.get(combo.name) ?? 0) % groups.length;
      for (let step = 0; step < groups.length; step += 1) {
        const index = (start + step) % groups.length;
        if (signals.available(groups[index] as CandidateGroup)) {
          start = index;
          break;
        }
      }
      cursors.set(combo.name, start);
      return rotate(groups, start);
    }
    case 'weighted':
      return weightedOrder(groups, signals.random);
    case 'least-latency':
      // Unmeasured targets go first, so every target gets measured.
      return stableSort(groups, (group) => latencyOf(group, signals) ?? -1);
    case 'cost-optimized':
      return stableSort(groups, (group) => priceOf(group, signals) ?? Number.POSITIVE_INFINITY);
    case 'random':
      return weightedOrder(groups.map((group) => ({ ...group, weight: 1 })), signals.random);
  }
}

function rotate<T>(items: T[], start: number): T[] {
  return start === 0 ? items : [...items.slice(start), ...items.slice(0, start)];
}

/** Weighted sampling without replacement: the first pick follows the weights exactly. */
function weightedOrder(groups: CandidateGroup[], random: () => number): CandidateGroup[] {
  const pool = [...groups];
  const order: CandidateGroup[] = [];
  while (pool.length > 0) {
    const total = pool.reduce((sum, group) => sum + group.weight, 0);
    let pick = random() * total;
    let index = 0;
    for (; index < pool.length - 1; index += 1) {
      pick -= (pool[index] as CandidateGroup).weight;
      if (pick < 0) break;
    }
    order.push(...pool.splice(index, 1));
  }
  return order;
}

function stableSort(groups: CandidateGroup[], key: (group: CandidateGroup) => number): CandidateGroup[] {
  return groups
    .map((group, index) => ({ group, index, key: key(group) }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map((entry) => entry.group);
}

function latencyOf(group: CandidateGroup, signals: TargetSignals): number | undefined {
  const first = group.candidates[0];
  return first ? signals.firstByteMs(first.publicModel) : undefined;
}

function priceOf(group: CandidateGroup, signals: TargetSignals): number | undefined {
  const first = group.candidates[0];
  return first ? signals.price(first.publicModel) : undefined;
}
