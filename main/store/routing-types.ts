import type { ComboStrategy, ComboTarget, PolicyAction, PolicyMatch } from '../../shared/routing.js';

/**
 * Routing records of the store: camelCase views of the `combos`, `model_aliases` and
 * `routing_policies` rows. Timestamps are milliseconds since the epoch.
 */

/** A named group of targets that clients use as a model. */
export interface ComboRecord {
  /** `cmb_` + random, from `newId('cmb')`. */
  id: string;
  /** Unique; what clients send as `model`. Never contains `/`. */
  name: string;
  strategy: ComboStrategy;
  /** In the order the user listed them (the attempt order for `priority`). */
  targets: ComboTarget[];
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

/** The fields of a combo a caller may change; `undefined` leaves a field as it is. */
export type ComboPatch = Partial<Pick<ComboRecord, 'name' | 'strategy' | 'targets' | 'enabled'>>;

/** A model alias: `alias` -> `model`, or a wildcard route when both end in `/*`. */
export interface AliasRecord {
  alias: string;
  model: string;
  createdAt: number;
}

/** A routing policy: when a request matches `match`, `action` applies. */
export interface PolicyRecord {
  /** `pol_` + random. */
  id: string;
  name: string;
  enabled: boolean;
  /** Lower runs first; ties go to the older policy. */
  priority: number;
  match: PolicyMatch;
  action: PolicyAction;
  createdAt: number;
  updatedAt: number;
}

/** The fields of a policy a caller may change; `undefined` leaves a field as it is. */
export type PolicyPatch = Partial<Pick<PolicyRecord, 'name' | 'enabled' | 'priority' | 'match' | 'action'>>;
