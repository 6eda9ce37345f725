import type { ComboStrategy, PolicyAction, PolicyMatch } from '../../../shared/routing.js';
import { maxRouteDepth } from '../../../shared/routing.js';
import type { ProviderCatalog } from '../provider-catalog.js';
import type { CandidateGroup, RouteCandidate, UnusableTarget } from './route-candidate.js';

/** The routing configuration as the engine reads it (main/gateway/routing-table.ts provides it). */
export interface RoutingConfigView {
  combo(name: string): { name: string; strategy: ComboStrategy; targets: readonly { model: string; weight: number }[]; enabled: boolean } | undefined;
  /** One alias step: the rewritten model, or undefined when `model` is no alias. */
  resolveAlias(model: string): string | undefined;
  /** Enabled policies in the order they apply. */
  policies(): readonly { id: string; name: string; match: PolicyMatch; action: PolicyAction }[];
}

export interface Resolution {
  candidates: RouteCandidate[];
  unusable: UnusableTarget[];
  /** The requested model named a combo (directly or through an alias). */
  viaCombo: boolean;
}

/**
 * Expands a requested model into the candidates to try, in order: aliases and wildcard routes are
 * followed, combos expanded (nested ones too) and ordered by their strategy, and `provider/model`
 * or a bare model name that a provider lists end the chain. Targets that cannot be used are
 * collected with the reason, never dropped silently.
 */
export function resolveRoute(
  model: string,
  context: {
    catalog: ProviderCatalog;
    routing: RoutingConfigView | undefined;
    orderGroups: (combo: { name: string; strategy: ComboStrategy }, groups: CandidateGroup[]) => CandidateGroup[];
  },
): Resolution {
  // The everyday request names a `provider/model` that no alias or combo claims: nothing to expand.
  if (context.routing?.resolveAlias(model) === undefined && context.routing?.combo(model) === undefined) {
    const candidate = direct(model, context.catalog);
    return typeof candidate === 'string' ? { candidates: [], unusable: [{ target: model, reason: candidate }], viaCombo: false } : { candidates: [candidate], unusable: [], viaCombo: false };
  }
  const unusable: UnusableTarget[] = [];
  let viaCombo = false;

  const expand = (name: string, path: readonly string[]): RouteCandidate[] => {
    if (path.includes(name)) {
      unusable.push({ target: name, reason: `routing loop: ${[...path, name].join(' -> ')}` });
      return [];
    }
    if (path.length > maxRouteDepth) {
      unusable.push({ target: name, reason: `more than ${maxRouteDepth} aliases or nested combos` });
      return [];
    }
    const trail = [...path, name];
    const aliased = context.routing?.resolveAlias(name);
    if (aliased !== undefined) return expand(aliased, trail);
    const combo = context.routing?.combo(name);
    if (combo) {
      viaCombo = true;
      if (!combo.enabled) {
        unusable.push({ target: name, reason: 'combo is disabled' });
        return [];
      }
      const groups = combo.targets.map((target) => ({ model: target.model, weight: target.weight, candidates: expand(target.model, trail) }));
      return context.orderGroups(combo, groups.filter((group) => group.candidates.length > 0)).flatMap((group) => group.candidates);
    }
    const candidate = direct(name, context.catalog);
    if (typeof candidate === 'string') {
      unusable.push({ target: name, reason: candidate });
      return [];
    }
    return [candidate];
  };

  const seen = new Set<string>();
  const candidates = expand(model, []).filter((candidate) => {
    // A combo may reach one target twice (nested combos); trying it twice gains nothing.
    if (seen.has(candidate.publicModel)) return false;
    seen.add(candidate.publicModel);
    return true;
  });
  return { candidates, unusable, viaCombo };
}

/** `provider/model`, or a bare model name that one provider lists; a reason when neither. */
function direct(model: string, catalog: ProviderCatalog): RouteCandidate | string {
  const slash = model.indexOf('/');
  let provider = slash > 0 ? catalog.get(model.slice(0, slash)) : undefined;
  let upstreamModel = provider ? model.slice(slash + 1) : model;
  if (!provider) {
    provider = catalog.findByModel(model);
    upstreamModel = model;
  }
  if (!provider || !upstreamModel) return 'no provider, alias or combo by this name';
  if (!provider.record.enabled) return `provider '${provider.record.name}' is disabled`;
  if (provider.accounts.length === 0) return `provider '${provider.record.name}' has no enabled account (add an API key to it)`;
  return { provider, upstreamModel, publicModel: `${provider.record.name}/${upstreamModel}` };
}
