import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from '../../../shared/zod.js';
import { invalidRequest, toGatewayError } from '../../errors/gateway-error.js';
import type { ClientFormat, ConversationState, EncodeContext, StreamEncoder } from '../../formats/client-format.js';
import { parseJsonBody, validateBody } from '../../formats/decode-json.js';
import { ContentCollector } from '../../gateway/content-collector.js';
import type { Attempt, RoutePlan } from '../../gateway/routing/route-plan.js';
import { requestPoliciesActive } from '../../gateway/request-policies.js';
import type { RouteRequest } from '../../gateway/routing/routing-engine.js';
import type { Cancellation } from '../../util/cancellation.js';
import { cancelOnClose } from '../cancel-on-close.js';
import { sendJson, type Next } from '../middleware.js';
import { readRawBody } from '../read-raw-body.js';
import { relayStream, type StreamTransform } from '../relay-stream.js';
import { captureTransform } from '../capture-transform.js';
import { newOutcome, recordOutcome, type RequestOutcome } from './record-outcome.js';
import { notesHeader } from '../notes-header.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';
import { lastLineBoundary, passthroughEvents, translateEvents } from '../stream-transforms.js';
import { applyPolicies } from './apply-policies.js';
import { attemptUpstream, chatAdapterOf, type AttemptRequest, type UpstreamAnswer } from './attempt-upstream.js';
import { routeRequestOf } from './route-request.js';
import { runAttempts } from './run-attempts.js';
import { setServedByHeaders } from './served-by-headers.js';
import { passFailure } from './pass-failure.js';

const megabyte = 1024 * 1024;

export interface ChatRouteOptions {
  /** The client format, loaded on the route's first request. */
  loadFormat: () => Promise<ClientFormat>;
  /**
   * What routing needs from a body, checked cheaply: the passthrough path leaves everything else
   * to the upstream, which speaks the same format and answers in it.
   */
  routingSchema: z.ZodMiniType<{ model?: string }>;
  /**
   * A check that accepts only bodies the routing schema accepts, without building the copy zod
   * makes; what it rejects goes through the schema for the error message.
   */
  quickAccept?: (body: Record<string, unknown>) => boolean;
  /** False for formats no upstream takes as they are (Ollama's generate). */
  passthrough?: boolean;
  state?: ConversationState;
  /** For formats that name the model and streaming in the URL (Gemini). */
  fromUrl?: (req: IncomingMessage) => UrlRequest | Promise<UrlRequest>;
}

export interface UrlRequest {
  model: string;
  stream: boolean;
  /** An encoder other than the format's default (Gemini's JSON-array stream). */
  encoder?: (context: EncodeContext) => StreamEncoder;
  /** The upstream path for passthrough, or undefined when this request cannot pass through. */
  nativePath: (upstreamModel: string) => string | undefined;
}

/**
 * A chat endpoint of one client format. Routing turns the model into a plan of attempts; each
 * attempt sends the request to one provider account (passed through unchanged but for `model`
 * when the upstream speaks the client's format, through the canonical hub otherwise). A failed
 * attempt falls back to the next as the failure rules say, but only while nothing has reached the
 * client: a stream is committed at its first byte, a JSON answer once it is whole and decoded.
 */
export function chatRoute(context: RouterContext, options: ChatRouteOptions) {
  let loaded: ClientFormat | undefined;
  return async (req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> => {
    const outcome = newOutcome();
    let cancellation: Cancellation | undefined;
    try {
      const format = loaded ?? (loaded = await options.loadFormat());
      const settings = context.settings.current;
      const raw = await readRawBody(req, settings.maxRequestBodyMb * megabyte);
      if (context.requestLogs.enabled) outcome.requestBody = raw;
      const body = parseJsonBody(raw) as Record<string, unknown>;
      const url = options.fromUrl && (await options.fromUrl(req));
      const bodyModel = options.quickAccept?.(body) ? (body.model as string | undefined) : validateBody(options.routingSchema, body).model;
      const model = url?.model ?? bodyModel;
      if (!model) throw invalidRequest('model is required', 'model');
      outcome.model = model;
      outcome.stream = url?.stream ?? (format.id.startsWith('ollama') ? body.stream !== false : body.stream === true);
      if (requestPoliciesActive(settings)) outcome.policyNotes = applyPolicies({ context, format, body, res });
      context.budgets.check(locals(res).apiKey?.id ?? null);
      const request = routeRequestOf({ req, res, body, model, bodyBytes: raw.length, catalog: context.catalog });
      const plan = (outcome.plan = context.engine.plan(request));
      if (request.sessionId) res.setHeader('x-omniroute-session-id', request.sessionId);
      if (plan.notes.length > 0) context.logger.info('request policies applied', { requestId: locals(res).requestId, policies: plan.notes });
      cancellation = cancelOnClose(res, context.inFlight);
      const answer = await firstAnswer({ req, context, format, options, body, url, plan, cancellation, stream: outcome.stream });
      outcome.answer = answer;
      const relaying = deliver({ context, format, options, url, res, model, plan, answer, cancellation, request, outcome });
      if (relaying) await relaying;
    } catch (error) {
      passFailure(error, { outcome, cancellation, next });
    } finally {
      recordOutcome(context, { format: loaded?.id ?? 'openai-chat', req, res, outcome });
    }
  };
}

/** Runs the plan's attempts until one upstream starts answering; throws the plan's failure otherwise. */
function firstAnswer(input: AttemptRequest & { plan: RoutePlan }): Promise<UpstreamAnswer> {
  const translation = { canonical: undefined as UpstreamAnswer['canonical'] };
  return runAttempts(input.plan, input.cancellation, (attempt) => attemptUpstream(input, attempt, translation));
}

/** A committed answer and what sending it needs. */
interface Delivery {
  context: RouterContext;
  format: ClientFormat;
  options: ChatRouteOptions;
  url: UrlRequest | undefined;
  res: ServerResponse;
  model: string;
  plan: RoutePlan;
  answer: UpstreamAnswer;
  cancellation: Cancellation;
  request: RouteRequest;
  outcome: RequestOutcome;
}

/**
 * Sends the committed answer to the client. A whole answer (passthrough or translated JSON) is
 * sent at once; a stream is relayed, and the promise returned then settles when it ends.
 */
function deliver(input: Delivery): Promise<void> | undefined {
  const { context, format, res, answer, plan, outcome } = input;
  const { attempt, upstream, canonical } = answer;
  setServedByHeaders(res, attempt, plan);
  if (answer.warnings.length > 0) reportWarnings(res, context, answer.warnings);
  if (answer.json) {
    // A whole passthrough JSON answer (the most frequent case): the upstream's exact bytes.
    res.statusCode = upstream.statusCode ?? 200;
    res.setHeader('content-type', 'application/json');
    res.setHeader('content-length', answer.json.raw.length);
    res.end(answer.json.raw);
    outcome.usage = answer.usage;
    if (outcome.requestBody) outcome.responseBody = [answer.json.raw];
    completed(input, true);
    return undefined;
  }
  if (answer.result && canonical) {
    const requestId = locals(res).requestId;
    const encoded = format.encodeResult(answer.result, { model: input.model, requestId, request: canonical });
    sendJson(res, 200, encoded);
    input.options.state?.record(canonical, answer.result.content, requestId);
    outcome.usage = answer.result.usage;
    if (outcome.requestBody) outcome.responseBody = [Buffer.from(JSON.stringify(encoded))];
    completed(input, true);
    return undefined;
  }
  return relayAnswer(input);
}

/** Relays a stream, passed through or translated event by event, until it ends. */
async function relayAnswer(input: Delivery): Promise<void> {
  const { context, format, res, answer, outcome } = input;
  const { attempt, upstream, canonical } = answer;
  const provider = attempt.candidate.provider.record.name;
  const relay = { upstream, response: res, cancellation: input.cancellation, idleTimeoutMs: context.settings.current.streamIdleTimeoutMs, provider };
  const adapter = chatAdapterOf(attempt.candidate);
  const capture: Buffer[] | undefined = outcome.requestBody ? (outcome.responseBody = []) : undefined;
  const captured = (transform: StreamTransform): StreamTransform => (capture ? captureTransform(transform, capture, context.settings.current.requestLogs.maxBodyBytes) : transform);
  if (!canonical) {
    const ndjson = (upstream.headers['content-type'] ?? '').startsWith('application/x-ndjson');
    const sniffer = adapter.sniffStreamUsage();
    const relayed = await relayStream({
      ...relay,
      firstChunk: answer.firstChunk,
      contentType: ndjson ? 'application/x-ndjson' : 'text/event-stream; charset=utf-8',
      transform: captured(passthroughEvents(format.errors, ndjson ? lastLineBoundary : undefined, sniffer, answer.dropEvent)),
    });
    outcome.usage = sniffer.usage;
    // An error event inside the 200 stream reached the client as sent; the request is recorded as
    // the failure it was, and not remembered as a completed answer.
    const inBand = sniffer.error;
    outcome.error ??= inBand ?? relayed.failure;
    completed(input, relayed.outcome === 'complete' && inBand === undefined);
    return;
  }
  const requestId = locals(res).requestId;
  const encodeContext: EncodeContext = { model: input.model, requestId, request: canonical };
  const { state } = input.options;
  const encoder = input.url?.encoder?.(encodeContext) ?? format.createStreamEncoder(encodeContext);
  const collector = state ? new ContentCollector() : undefined;
  const relayed = await relayStream({
    ...relay,
    firstChunk: answer.firstChunk,
    contentType: encoder.contentType,
    transform: captured(
      translateEvents(adapter.createStreamDecoder(), encoder, (part) => {
        if (part.type === 'finish') outcome.usage = part.usage;
        // The upstream failed in-band (an error event, or an end without a finish): the client got
        // the error event; the request is recorded as what it was, not as a success.
        else if (part.type === 'error') outcome.error ??= toGatewayError(part.error);
        collector?.push(part);
      }),
    ),
  });
  outcome.error ??= relayed.failure;
  const whole = relayed.outcome === 'complete' && outcome.error === undefined;
  if (state && collector && whole) state.record(canonical, collector.result(), requestId);
  completed(input, whole);
}

/** The answer reached its end (or not): for the usage record, and for least-latency routing and sticky sessions. */
function completed(input: Delivery, complete: boolean): void {
  const { outcome, answer } = input;
  outcome.complete = complete;
  if (complete) input.context.engine.completed(answer.attempt, input.request, { firstByteMs: answer.firstByteAt - answer.attempt.startedAt });
}

/** Omissions are never silent: logged, and named in a response header the client can read. */
function reportWarnings(res: ServerResponse, context: RouterContext, warnings: string[]): void {
  context.logger.warn('request translated with omissions', { requestId: locals(res).requestId, warnings });
  res.setHeader('x-omniroute-warnings', notesHeader(warnings));
}

export type { Attempt };
