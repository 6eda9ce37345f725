import type { IncomingMessage, ServerResponse } from 'node:http';
import { toGatewayError } from '../../errors/gateway-error.js';
import type { RoutePlan } from '../../gateway/routing/route-plan.js';
import type { Usage } from '../../spec/index.js';
import { tokenFieldsOf, type UsageEntry } from '../../usage/usage-entry.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';
import type { UpstreamAnswer } from './attempt-upstream.js';

/** What one chat request came to, gathered along the way for its usage record. */
export interface RequestOutcome {
  startedAt: number;
  model: string | undefined;
  stream: boolean;
  plan: RoutePlan | undefined;
  /** What the request policies (system prompt, thinking budget) changed in the body, or could not. */
  policyNotes: readonly string[];
  answer: UpstreamAnswer | undefined;
  usage: Usage | undefined;
  /** The answer reached its end (a stream that ended normally, a whole JSON body). */
  complete: boolean;
  error: unknown;
  /** Request-log capture: the request bytes and what the client received (capped). */
  requestBody: Buffer | undefined;
  responseBody: Buffer[] | undefined;
  /** The answer's status, when the response to the client says something else (an async task is answered 202 at once). */
  status?: number;
  /** Who answered a request that was not routed, but sent to a known account (a video's remix). */
  servedBy?: { provider: string; accountId: string; model: string };
}

const noNotes: readonly string[] = Object.freeze([]);

export function newOutcome(): RequestOutcome {
  return { startedAt: Date.now(), model: undefined, stream: false, plan: undefined, policyNotes: noNotes, answer: undefined, usage: undefined, complete: false, error: undefined, requestBody: undefined, responseBody: undefined };
}

/**
 * Queues the request's usage record (the recorder writes it later, in a batch) and, when request
 * logs are on, its bodies. Runs once per request, whatever happened.
 */
export function recordOutcome(context: RouterContext, input: { format: UsageEntry['clientFormat']; req: IncomingMessage; res: ServerResponse; outcome: RequestOutcome }): void {
  const { outcome, res } = input;
  const requestLocals = locals(res);
  const attempt = outcome.answer?.attempt;
  const lastTried = attempt ? { provider: attempt.candidate.provider.record.name, accountId: attempt.account.id } : (outcome.servedBy ?? lastAttemptOf(outcome.plan));
  const failure = outcome.error === undefined ? undefined : toGatewayError(outcome.error);
  const aborted = failure === undefined && !outcome.complete && res.destroyed;
  context.usage.record({
    requestId: requestLocals.requestId,
    startedAt: outcome.startedAt,
    clientFormat: input.format,
    apiKeyId: requestLocals.apiKey?.id ?? null,
    provider: lastTried?.provider ?? null,
    accountId: lastTried?.accountId ?? null,
    requestedModel: outcome.model ?? '',
    model: attempt?.candidate.publicModel ?? outcome.servedBy?.model ?? null,
    status: failure ? failure.status : aborted ? 499 : (outcome.status ?? res.statusCode),
    errorCode: failure ? failure.code : aborted ? 'client_closed' : null,
    stream: outcome.stream,
    ...tokenFieldsOf(outcome.usage),
    latencyMs: Date.now() - outcome.startedAt,
    ttftMs: outcome.answer ? outcome.answer.firstByteAt - outcome.startedAt : null,
    cacheHit: false,
    fallback: (outcome.plan?.attemptCount ?? 0) > 1,
    attempts: outcome.plan?.attemptCount ?? 0,
    notes: notesOf(outcome),
  });
  if (context.requestLogs.enabled && outcome.requestBody) {
    context.requestLogs.capture({
      requestId: requestLocals.requestId,
      requestBody: outcome.requestBody,
      responseBody: outcome.responseBody ? Buffer.concat(outcome.responseBody) : Buffer.from(failure ? JSON.stringify({ error: failure.message }) : ''),
      headers: input.req.headers,
    });
  }
}

/** Policy notes and translation warnings, or undefined when there are none (the usual case: no array built). */
function notesOf(outcome: RequestOutcome): string[] | undefined {
  const planNotes = outcome.plan?.notes ?? noNotes;
  const warnings = outcome.answer?.warnings ?? noNotes;
  if (planNotes.length === 0 && outcome.policyNotes.length === 0 && warnings.length === 0) return undefined;
  return [...planNotes, ...outcome.policyNotes, ...warnings];
}

function lastAttemptOf(plan: RoutePlan | undefined): { provider: string; accountId: string | null } | undefined {
  const last = plan?.attempts.findLast((attempt) => attempt.outcome === 'failed');
  if (!last) return undefined;
  const slash = last.target.indexOf('/');
  return { provider: slash > 0 ? last.target.slice(0, slash) : last.target, accountId: last.accountId ?? null };
}
