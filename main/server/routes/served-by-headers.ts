import type { ServerResponse } from 'node:http';
import type { Attempt, RoutePlan } from '../../gateway/routing/route-plan.js';

/** Who answered a routed request: its provider and model, and how many targets the plan held when more than one. */
export function setServedByHeaders(res: ServerResponse, attempt: Attempt, plan: Pick<RoutePlan, 'attemptCount'>): void {
  res.setHeader('x-omniroute-provider', attempt.candidate.provider.record.name);
  res.setHeader('x-omniroute-model', attempt.candidate.publicModel);
  if (plan.attemptCount > 1) res.setHeader('x-omniroute-attempts', String(plan.attemptCount));
}
