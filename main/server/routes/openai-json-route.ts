import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, invalidRequest, shuttingDown } from '../../errors/gateway-error.js';
import { parseJsonBody, validateBody } from '../../formats/decode-json.js';
import type { OpenAiJsonEndpoint } from '../../formats/openai-json-endpoints.js';
import type { ProviderCatalog } from '../../gateway/provider-catalog.js';
import type { Attempt, RoutePlan } from '../../gateway/routing/route-plan.js';
import type { RouteCandidate } from '../../gateway/routing/route-candidate.js';
import type { RouteRequest } from '../../gateway/routing/routing-engine.js';
import { UpstreamCallAborted } from '../../providers/call-upstream.js';
import type { Task, TaskRegistry } from '../../tasks/task-registry.js';
import type { Cancellation } from '../../util/cancellation.js';
import { cancelOnClose } from '../cancel-on-close.js';
import { sendJson, type Next } from '../middleware.js';
import { readRawBody } from '../read-raw-body.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';
import { readUpstreamJson } from '../send-upstream-json.js';
import type { UpstreamAnswer } from './attempt-upstream.js';
import { newOutcome, recordOutcome, type RequestOutcome } from './record-outcome.js';
import { taskOwner, taskView } from './task-route.js';
import { routeRequestOf } from './route-request.js';
import { runAttempts } from './run-attempts.js';
import { setServedByHeaders } from './served-by-headers.js';
import { passFailure } from './pass-failure.js';

const megabyte = 1024 * 1024;

/**
 * An OpenAI JSON endpoint (`/v1/embeddings`, `/v1/images/generations`) routed like chat: the
 * model resolves to a plan of attempts with fallback, but only providers of the `openai` family
 * can take part (the others have no such endpoint, so a combo skips them with the reason). The
 * body goes upstream unchanged but for `model`; the answer comes back byte for byte once whole.
 *
 * With `tasks`, `?async=true` answers at once with a task (202) and runs the same plan in the
 * background; the client polls the task (task-route.ts).
 */
export function openAiJsonRoute(context: RouterContext, endpoint: OpenAiJsonEndpoint, tasks?: TaskRegistry<unknown>) {
  return async (req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> => {
    const outcome = newOutcome();
    let cancellation: Cancellation | undefined;
    let recordedByTask = false;
    try {
      const raw = await readRawBody(req, context.settings.current.maxRequestBodyMb * megabyte);
      if (context.requestLogs.enabled) outcome.requestBody = raw;
      const body = parseJsonBody(raw) as Record<string, unknown>;
      const background = asyncRequested(req);
      if (background && !tasks) throw invalidRequest(`/v1${endpoint.path} has no async mode; send it without ?async=true.`, 'async');
      if (background && tasks) {
        const task = startJsonTask({ context, endpoint, tasks, req, res, body, bodyBytes: raw.length, outcome });
        recordedByTask = true;
        sendJson(res, 202, taskView(task));
        return;
      }
      const call = planJsonCall({ context, endpoint, req, res, body, bodyBytes: raw.length, outcome });
      const { plan } = call;
      const answer = await answerOf({ ...call, cancellation: (cancellation = cancelOnClose(res, context.inFlight)) });
      const { attempt } = answer;
      res.statusCode = answer.upstream.statusCode ?? 200;
      res.setHeader('content-type', 'application/json');
      setServedByHeaders(res, attempt, plan);
      const sent = answer.json?.raw ?? Buffer.alloc(0);
      res.setHeader('content-length', sent.length);
      res.end(sent);
      if (outcome.requestBody) outcome.responseBody = [sent];
    } catch (error) {
      passFailure(error, { outcome, cancellation, next });
    } finally {
      if (!recordedByTask) recordOutcome(context, { format: endpoint.usageFormat, req, res, outcome });
    }
  };
}

/** Checks a JSON request and plans its attempts: a bad body, an unknown model or a used-up budget fail here. */
function planJsonCall(input: { context: RouterContext; endpoint: OpenAiJsonEndpoint; req: IncomingMessage; res: ServerResponse; body: Record<string, unknown>; bodyBytes: number; outcome: RequestOutcome }): JsonCall {
  const { context, endpoint, req, res, body, outcome } = input;
  const { model } = validateBody(endpoint.schema, body);
  outcome.model = model;
  context.budgets.check(locals(res).apiKey?.id ?? null);
  refusePinnedFamily(context.catalog, locals(res).pinnedProvider, endpoint.path);
  const request: RouteRequest = {
    ...routeRequestOf({ req, res, body, model, bodyBytes: input.bodyBytes, catalog: context.catalog }),
    unsupported: (candidate) => unsupportedBy(candidate, endpoint.path),
  };
  const plan = (outcome.plan = context.engine.plan(request));
  if (request.sessionId) res.setHeader('x-omniroute-session-id', request.sessionId);
  return { context, endpoint, body, plan, request, outcome };
}

/**
 * Checks and plans a JSON request at once (its mistakes are answered now), then runs it as an
 * async task: in the background, with fallback, recorded in usage when it ends. `?async=true` and
 * the queue protocol (queue-route.ts) start theirs here.
 */
export function startJsonTask(input: {
  context: RouterContext;
  endpoint: OpenAiJsonEndpoint;
  tasks: TaskRegistry<unknown>;
  req: IncomingMessage;
  res: ServerResponse;
  body: Record<string, unknown>;
  bodyBytes: number;
  outcome: RequestOutcome;
}): Task<unknown> {
  const { context, endpoint, req, res, outcome } = input;
  const call = planJsonCall(input);
  return input.tasks.start({
    owner: taskOwner(req, res),
    model: call.request.model,
    run: (cancellation) => inBackground(call, cancellation, () => recordOutcome(context, { format: endpoint.usageFormat, req, res, outcome })),
  });
}

interface JsonCall {
  context: RouterContext;
  endpoint: OpenAiJsonEndpoint;
  body: Record<string, unknown>;
  plan: RoutePlan;
  request: RouteRequest;
  outcome: RequestOutcome;
}

/** Runs the plan until one upstream answers whole; notes the answer for the usage record and the engine. */
async function answerOf(input: JsonCall & { cancellation: Cancellation }): Promise<UpstreamAnswer> {
  const { plan, outcome, cancellation } = input;
  const answer = await runAttempts(plan, cancellation, (attempt) => attemptJson({ ...input, attempt }));
  outcome.answer = answer;
  outcome.usage = answer.usage;
  outcome.complete = true;
  input.context.engine.completed(answer.attempt, input.request, { firstByteMs: answer.firstByteAt - answer.attempt.startedAt });
  return answer;
}

/**
 * An async task's run: in flight like a request (shutdown waits for it, then aborts it) but tied
 * to no client connection; recorded once it ends, with the upstream's status.
 */
async function inBackground(call: JsonCall, cancellation: Cancellation, record: () => void): Promise<unknown> {
  call.context.inFlight.add(cancellation);
  try {
    const answer = await answerOf({ ...call, cancellation });
    call.outcome.status = answer.upstream.statusCode ?? 200;
    if (call.outcome.requestBody && answer.json) call.outcome.responseBody = [answer.json.raw];
    return JSON.parse(answer.json?.raw.toString('utf8') ?? 'null') as unknown;
  } catch (error) {
    call.outcome.error = error instanceof UpstreamCallAborted ? (cancellation.reason === 'cancelled' ? cancelledByClient() : shuttingDown()) : error;
    throw call.outcome.error;
  } finally {
    call.context.inFlight.delete(cancellation);
    record();
  }
}

function cancelledByClient(): GatewayError {
  return new GatewayError({ code: 'cancelled', status: 499, message: 'The task was cancelled by its client before it finished.' });
}

function asyncRequested(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  const query = url.indexOf('?');
  return query !== -1 && new URLSearchParams(url.slice(query + 1)).get('async') === 'true';
}

/** One upstream call: the body with the target's model, the whole answer read and parsed. */
async function attemptJson(input: JsonCall & { attempt: Attempt; cancellation: Cancellation }): Promise<UpstreamAnswer> {
  const { attempt, body } = input;
  const { candidate } = attempt;
  body.model = candidate.upstreamModel;
  const upstream = await candidate.provider.adapter.send({
    endpoint: attempt.account.endpoint,
    request: { path: input.endpoint.path, body: JSON.stringify(body) },
    cancellation: input.cancellation,
    timeoutMs: input.context.settings.current.upstreamTimeoutMs,
  });
  const { raw, parsed } = await readUpstreamJson(upstream, candidate.provider.record.name);
  return { attempt, upstream, canonical: undefined, warnings: [], firstByteAt: Date.now(), json: { raw }, usage: input.endpoint.usageOf(parsed) };
}

/** Why a candidate cannot serve an endpoint only the `openai` family has (`path` after `/v1`). */
export function unsupportedBy(candidate: RouteCandidate, path: string): string | undefined {
  const { family } = candidate.provider.adapter;
  if (family === 'openai') return undefined;
  return `provider '${candidate.provider.record.name}' is of the ${family} family, and /v1${path} goes only to OpenAI-compatible (openai family) providers`;
}

/** A pinned request cannot go anywhere else, so a provider without the endpoint is the client's mistake. */
function refusePinnedFamily(catalog: ProviderCatalog, pinned: string | undefined, path: string): void {
  const provider = pinned === undefined ? undefined : catalog.get(pinned);
  if (!provider || provider.adapter.family === 'openai') return;
  throw invalidRequest(`Provider '${provider.record.name}' is of the ${provider.adapter.family} family, which has no ${path} endpoint; /v1/providers/{provider}${path} works only with OpenAI-compatible (openai family) providers.`, 'provider');
}
