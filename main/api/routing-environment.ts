import { RoutingSnapshot, type RoutingRecords } from '../gateway/routing-snapshot.js';
import type { RouterContext } from '../server/router-context.js';
import type { AliasRecord, ComboRecord } from '../store/routing-types.js';
import type { RouteEnvironment } from './route-check.js';

/** A proposed change to the routing configuration, to be validated before it is written. */
export interface RoutingChange {
  /** A combo to add, or to put in place of the combo with the same id. */
  combo?: ComboRecord;
  /** An alias to add, or to put in place of the alias with the same name. */
  alias?: AliasRecord;
}

/** The environment as it would be after `change`, built from the live routing table. */
export function proposedEnvironment(context: Pick<RouterContext, 'routing' | 'catalog'>, change: RoutingChange = {}): RouteEnvironment {
  const live = context.routing.snapshot;
  const { combo, alias } = change;
  const records: RoutingRecords = {
    combos: combo ? [...live.combos().filter((existing) => existing.id !== combo.id), combo] : live.combos(),
    aliases: alias ? [...live.aliases().filter((existing) => existing.alias !== alias.alias), alias] : live.aliases(),
    policies: live.policies(),
  };
  return { snapshot: change.combo || change.alias ? new RoutingSnapshot(records) : live, catalog: context.catalog };
}
