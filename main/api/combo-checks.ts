import { GatewayError, invalidRequest } from '../errors/gateway-error.js';
import type { RouterContext } from '../server/router-context.js';
import type { ComboRecord } from '../store/routing-types.js';
import { describeGraphProblem, describeRoutable, findGraphProblem, routeNamesFrom, unresolvedReason } from './route-check.js';
import { proposedEnvironment } from './routing-environment.js';

/**
 * Refuses a combo that would break routing: a name another combo or an alias already uses (409),
 * a target that resolves to nothing (when `checkTargets`), or a cycle or over-long chain through nested combos (400).
 */
export function assertComboAllowed(context: Pick<RouterContext, 'routing' | 'catalog'>, combo: ComboRecord, options: { checkTargets: boolean }): void {
  const live = context.routing.snapshot;
  const sameName = live.combo(combo.name);
  if (sameName && sameName.id !== combo.id) {
    throw new GatewayError({ code: 'conflict', status: 409, param: 'name', message: `A combo named '${combo.name}' already exists; combo names are models and must be unique.` });
  }
  if (live.aliases().some((alias) => alias.alias === combo.name)) {
    throw new GatewayError({
      code: 'conflict',
      status: 409,
      param: 'name',
      message: `'${combo.name}' is already a model alias; a combo cannot have the same name (delete the alias first, or pick another name).`,
    });
  }
  const environment = proposedEnvironment(context, { combo });
  // Loops first: a loop also resolves to nothing, but naming the loop is the useful answer.
  const problem = findGraphProblem(environment.snapshot, routeNamesFrom(environment.snapshot, combo.name));
  if (problem) throw invalidRequest(describeGraphProblem(problem), 'targets');
  // Targets are checked when they are being set: a combo whose provider was deleted can still be
  // renamed or disabled (its `problems` say what is wrong).
  if (options.checkTargets) combo.targets.forEach((target, index) => {
    const reason = unresolvedReason(environment, target.model);
    if (reason !== undefined) {
      throw invalidRequest(`Target '${target.model}' does not resolve to anything: ${reason}. ${describeRoutable(environment)}`, `targets[${index}].model`);
    }
  });
}

/** Targets of a saved combo that no longer resolve, e.g. because their provider was deleted. */
export function comboProblems(context: Pick<RouterContext, 'routing' | 'catalog'>, combo: ComboRecord): string[] {
  const environment = proposedEnvironment(context);
  const problems: string[] = [];
  for (const target of combo.targets) {
    const reason = unresolvedReason(environment, target.model);
    if (reason !== undefined) problems.push(`Target '${target.model}' does not resolve: ${reason}.`);
  }
  return problems;
}
