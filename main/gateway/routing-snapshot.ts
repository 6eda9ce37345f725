import { isWildcardAlias } from '../../shared/routing.js';
import type { AliasRecord, ComboRecord, PolicyRecord } from '../store/routing-types.js';

/** The routing configuration at one moment, as plain records. */
export interface RoutingRecords {
  combos: readonly ComboRecord[];
  aliases: readonly AliasRecord[];
  policies: readonly PolicyRecord[];
}

/**
 * An immutable, indexed view of the routing configuration: every lookup is a map access, so the
 * request path can afford it on every request. The management API also builds one from a proposed
 * change to validate it before anything is written.
 */
export class RoutingSnapshot {
  readonly #combos: readonly ComboRecord[];
  readonly #aliases: readonly AliasRecord[];
  readonly #policies: readonly PolicyRecord[];
  readonly #comboByName: ReadonlyMap<string, ComboRecord>;
  readonly #plainAliases: ReadonlyMap<string, string>;
  /** Wildcard routes by prefix including the final `/` (`anthropic/`) -> replacement prefix. */
  readonly #wildcards: ReadonlyMap<string, string>;

  constructor(records: RoutingRecords) {
    this.#combos = Object.freeze([...records.combos]);
    this.#aliases = Object.freeze([...records.aliases]);
    this.#policies = Object.freeze(records.policies.filter((policy) => policy.enabled).sort(byEvaluationOrder));
    this.#comboByName = new Map(records.combos.map((combo) => [combo.name, combo]));
    const plain = new Map<string, string>();
    const wildcards = new Map<string, string>();
    for (const { alias, model } of records.aliases) {
      if (isWildcardAlias(alias)) wildcards.set(alias.slice(0, -1), model.slice(0, -1));
      else plain.set(alias, model);
    }
    this.#plainAliases = plain;
    this.#wildcards = wildcards;
  }

  /** The combo with this name, enabled or not. */
  combo(name: string): ComboRecord | undefined {
    return this.#comboByName.get(name);
  }

  /**
   * One rewrite step: a plain alias first, then the wildcard route with the longest matching
   * prefix (`anthropic/*` -> `claude-pro/*` turns `anthropic/claude-x` into `claude-pro/claude-x`).
   * Undefined when no alias applies.
   */
  resolveAlias(model: string): string | undefined {
    const plain = this.#plainAliases.get(model);
    if (plain !== undefined) return plain;
    if (this.#wildcards.size === 0) return undefined;
    // Longest prefix first: walk the slashes from the right; the part after the prefix must not be empty.
    for (let slash = model.lastIndexOf('/', model.length - 2); slash > 0; slash = model.lastIndexOf('/', slash - 1)) {
      const replacement = this.#wildcards.get(model.slice(0, slash + 1));
      if (replacement !== undefined) return replacement + model.slice(slash + 1);
    }
    return undefined;
  }

  /** Enabled policies in evaluation order: by priority, then the older first. */
  policies(): readonly PolicyRecord[] {
    return this.#policies;
  }

  /** Every combo, by name. */
  combos(): readonly ComboRecord[] {
    return this.#combos;
  }

  /** Every alias and wildcard route, by alias. */
  aliases(): readonly AliasRecord[] {
    return this.#aliases;
  }
}

function byEvaluationOrder(left: PolicyRecord, right: PolicyRecord): number {
  return left.priority - right.priority || left.createdAt - right.createdAt || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0);
}
