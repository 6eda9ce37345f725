import type { Store } from '../store/index.js';
import type { AliasRecord, ComboRecord, PolicyRecord } from '../store/routing-types.js';
import { RoutingSnapshot } from './routing-snapshot.js';

export type { AliasRecord, ComboRecord, PolicyRecord };

/**
 * The routing configuration as the request path reads it: combos, aliases and policies held in
 * memory and swapped whole by `reload()`, so resolving a model never touches SQLite. The
 * management routes call `reload()` after every change they write.
 */
export class RoutingTable {
  #snapshot: RoutingSnapshot;

  constructor(private readonly store: Pick<Store, 'combos' | 'modelAliases' | 'routingPolicies'>) {
    this.#snapshot = this.build();
  }

  /** Rebuilds the view from the store; synchronous, and atomic for readers. */
  reload(): void {
    this.#snapshot = this.build();
  }

  /** The current view, for callers that need several consistent lookups (or to validate a change against). */
  get snapshot(): RoutingSnapshot {
    return this.#snapshot;
  }

  /** The combo with this name, enabled or not (check `enabled`). */
  combo(name: string): ComboRecord | undefined {
    return this.#snapshot.combo(name);
  }

  /** One alias rewrite step (plain alias, else the longest wildcard route); undefined when none applies. */
  resolveAlias(model: string): string | undefined {
    return this.#snapshot.resolveAlias(model);
  }

  /** Enabled policies, by priority then creation. */
  policies(): readonly PolicyRecord[] {
    return this.#snapshot.policies();
  }

  combos(): readonly ComboRecord[] {
    return this.#snapshot.combos();
  }

  aliases(): readonly AliasRecord[] {
    return this.#snapshot.aliases();
  }

  private build(): RoutingSnapshot {
    return new RoutingSnapshot({
      combos: this.store.combos.list(),
      aliases: this.store.modelAliases.list(),
      policies: this.store.routingPolicies.list(),
    });
  }
}
