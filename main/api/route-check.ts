import { maxRouteDepth } from '../../shared/routing.js';
import type { ProviderCatalog } from '../gateway/provider-catalog.js';
import type { RoutingSnapshot } from '../gateway/routing-snapshot.js';

/** What a model name can reach: the routing configuration and the providers. */
export interface RouteEnvironment {
  snapshot: RoutingSnapshot;
  catalog: ProviderCatalog;
}

/** A problem in the graph of combos and aliases. */
export type RouteGraphProblem = { kind: 'cycle'; path: string[] } | { kind: 'too-deep'; path: string[] };

/**
 * Why `model` resolves to nothing, or undefined when its alias chain reaches a combo or a provider
 * (the way the engine resolves it: combo, else alias, else `provider/model` or a bare model a
 * provider lists). Cycles are `findGraphProblem`'s business; here a repeat just stops the walk.
 */
export function unresolvedReason({ snapshot, catalog }: RouteEnvironment, model: string): string | undefined {
  const chain = [model];
  let current = model;
  for (;;) {
    if (snapshot.combo(current)) return undefined;
    const next = snapshot.resolveAlias(current);
    if (next === undefined || chain.includes(next) || chain.length > maxRouteDepth) break;
    chain.push(next);
    current = next;
  }
  const slash = current.indexOf('/');
  if (slash > 0 && catalog.get(current.slice(0, slash))) return undefined;
  if (slash < 0 && catalog.findByModel(current)) return undefined;
  const via = chain.length > 1 ? `'${chain.join("' -> '")}': ` : '';
  const what = slash > 0 ? `no provider named '${current.slice(0, slash)}'` : `no provider, alias or combo named '${current}'`;
  return `${via}${what}`;
}

/** "Providers: a, b. Aliases: ... Combos: ...": what a model may name, for error messages. */
export function describeRoutable({ snapshot, catalog }: RouteEnvironment): string {
  const list = (names: string[]) => (names.length === 0 ? 'none' : names.slice(0, 30).join(', ') + (names.length > 30 ? ', …' : ''));
  return [
    `Providers (use 'provider/model'): ${list(catalog.list().map((provider) => provider.record.name))}.`,
    `Aliases: ${list(snapshot.aliases().map((alias) => alias.alias))}.`,
    `Combos: ${list(snapshot.combos().map((combo) => combo.name))}.`,
  ].join(' ');
}

/**
 * A cycle among combos and aliases, or a chain longer than `maxRouteDepth`, reachable from any of
 * `starts`. Longest chains are memoised per name, so the whole configuration is checked in time
 * linear in its size.
 */
export function findGraphProblem(snapshot: RoutingSnapshot, starts: Iterable<string>): RouteGraphProblem | undefined {
  const longest = new Map<string, string[]>();
  const path: string[] = [];
  const visit = (model: string): string[] | RouteGraphProblem => {
    const known = longest.get(model);
    if (known) return known;
    const index = path.indexOf(model);
    if (index >= 0) return { kind: 'cycle', path: [...path.slice(index), model] };
    // Wildcard routes can rewrite a name into ever longer ones without repeating it.
    if (path.length > maxRouteDepth) return { kind: 'too-deep', path: [...path, model] };
    path.push(model);
    let deepest: string[] = [];
    for (const next of successors(snapshot, model)) {
      const result = visit(next);
      if (!Array.isArray(result)) return result;
      if (result.length > deepest.length) deepest = result;
    }
    path.pop();
    const chain = [model, ...deepest];
    if (chain.length > maxRouteDepth + 1) return { kind: 'too-deep', path: chain };
    longest.set(model, chain);
    return chain;
  };
  for (const start of starts) {
    const result = visit(start);
    if (!Array.isArray(result)) return result;
  }
  return undefined;
}

/** `first`, then every combo and alias name: where a change can make a chain too deep for others. */
export function routeNamesFrom(snapshot: RoutingSnapshot, first: string): string[] {
  return [first, ...snapshot.combos().map((combo) => combo.name), ...snapshot.aliases().map((alias) => alias.alias)];
}

/** Describes a graph problem in one sentence. */
export function describeGraphProblem(problem: RouteGraphProblem): string {
  const chain = problem.path.join(' -> ');
  return problem.kind === 'cycle'
    ? `This would make a cycle: ${chain}.`
    : `This would make a chain of aliases and nested combos longer than ${maxRouteDepth} steps: ${chain}.`;
}

function successors(snapshot: RoutingSnapshot, model: string): string[] {
  const combo = snapshot.combo(model);
  if (combo) return combo.targets.map((target) => target.model);
  const next = snapshot.resolveAlias(model);
  return next === undefined ? [] : [next];
}
