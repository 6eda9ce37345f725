import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router, type Request, type Response } from 'express';
import { GatewayError, invalidRequest } from '../../errors/gateway-error.js';
import { parseJsonBody } from '../../formats/decode-json.js';
import type { RuntimeAccount } from '../../gateway/provider-catalog.js';
import type { RouteRequest } from '../../gateway/routing/routing-engine.js';
import { callForAnswer } from '../../providers/call-upstream.js';
import { readOpenAiError } from '../../providers/openai/openai-error.js';
import type { UpstreamRequest } from '../../providers/provider-adapter.js';
import type { VideoRecord } from '../../store/index.js';
import type { Cancellation } from '../../util/cancellation.js';
import { cancelOnClose } from '../cancel-on-close.js';
import type { Next } from '../middleware.js';
import { formField, parseMultipartForm, replaceFormValue } from '../multipart-form.js';
import { readRawBody } from '../read-raw-body.js';
import { relayStream } from '../relay-stream.js';
import { rawBytes } from '../stream-transforms.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';
import { readUpstreamJson } from '../send-upstream-json.js';
import { passFailure } from './pass-failure.js';
import { unsupportedBy } from './openai-json-route.js';
import { newOutcome, recordOutcome } from './record-outcome.js';
import { routeRequestOf } from './route-request.js';
import { runAttempts } from './run-attempts.js';
import { setServedByHeaders } from './served-by-headers.js';
import { taskOwner } from './task-route.js';

const megabyte = 1024 * 1024;
/** Statuses after which a video no longer changes: the list stops asking the upstream about it. */
const settled = new Set(['completed', 'failed']);

/**
 * OpenAI's Videos API (Sora) at `/v1/videos`, for OpenAI-compatible providers. Making a video
 * (`POST /videos`, multipart or JSON) is routed like any request, with fallback before the
 * upstream accepted it; the video then lives at the account that made it, so the router keeps
 * which one (the `videos` table) and sends every later call about it there: status, content,
 * remix, delete. The client holds the upstream's own video id. Only the key that made a video
 * sees it (without keys of ours, whoever presents the same key).
 * @see https://platform.openai.com/docs/api-reference/videos
 */
export function videosRoutes(context: RouterContext): Router {
  const router = Router();
  router.post('/', createVideo(context));
  router.get('/', (req, res) => listVideos(context, req, res));
  router.get('/:video_id', (req, res) => retrieveVideo(context, req, res));
  router.delete('/:video_id', (req, res) => deleteVideo(context, req, res));
  router.get('/:video_id/content', (req, res) => videoContent(context, req, res));
  router.post('/:video_id/remix', (req, res, next) => remixVideo(context, req, res, next));
  return router;
}

/** A create request's model, and its body for an upstream with the target's model. */
interface VideoRequest {
  model: string;
  upstream(upstreamModel: string): Pick<UpstreamRequest, 'body' | 'headers'>;
}

function readVideoRequest(raw: Buffer, contentType: string | undefined): VideoRequest {
  if ((contentType ?? '').toLowerCase().startsWith('multipart/form-data')) {
    const form = parseMultipartForm(raw, contentType);
    const modelPart = form.parts.find((part) => part.name === 'model' && part.filename === undefined);
    const model = modelPart && formField(form, 'model')?.trim();
    if (!modelPart || !model) throw invalidRequest('model is required: name the provider and model, e.g. openai/sora-2.', 'model');
    if (!formField(form, 'prompt')) throw invalidRequest('prompt is required', 'prompt');
    return { model, upstream: (upstreamModel) => ({ body: replaceFormValue(form, modelPart, upstreamModel), headers: { 'content-type': contentType as string } }) };
  }
  const body = parseJsonBody(raw) as Record<string, unknown>;
  if (typeof body.model !== 'string' || body.model.trim() === '') throw invalidRequest('model is required: name the provider and model, e.g. openai/sora-2.', 'model');
  if (typeof body.prompt !== 'string' || body.prompt === '') throw invalidRequest('prompt is required', 'prompt');
  const model = body.model.trim();
  return { model, upstream: (upstreamModel) => ({ body: JSON.stringify({ ...body, model: upstreamModel }) }) };
}

/** `POST /v1/videos`: routed with fallback; the video's account is remembered for every later call. */
function createVideo(context: RouterContext) {
  return async (req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> => {
    const outcome = newOutcome();
    let cancellation: Cancellation | undefined;
    try {
      const raw = await readRawBody(req, context.settings.current.maxRequestBodyMb * megabyte);
      const video = readVideoRequest(raw, req.headers['content-type']);
      outcome.model = video.model;
      context.budgets.check(locals(res).apiKey?.id ?? null);
      const request: RouteRequest = {
        ...routeRequestOf({ req, res, body: {}, model: video.model, bodyBytes: raw.length, catalog: context.catalog }),
        unsupported: (candidate) => unsupportedBy(candidate, '/videos'),
      };
      const plan = (outcome.plan = context.engine.plan(request));
      const live = (cancellation = cancelOnClose(res, context.inFlight));
      const answer = await runAttempts(plan, live, async (attempt) => {
        const { candidate } = attempt;
        const upstream = await candidate.provider.adapter.send({
          endpoint: attempt.account.endpoint,
          request: { path: '/videos', ...video.upstream(candidate.upstreamModel) },
          cancellation: live,
          timeoutMs: context.settings.current.upstreamTimeoutMs,
        });
        const { raw: answered, parsed } = await readUpstreamJson(upstream, candidate.provider.record.name);
        return { attempt, upstream, canonical: undefined, warnings: [], firstByteAt: Date.now(), json: { raw: answered }, parsed };
      });
      outcome.answer = answer;
      outcome.complete = true;
      const made = videoObject(answer.parsed, answer.attempt.candidate.provider.record.name);
      context.store.videos.put({
        id: made.id,
        provider: answer.attempt.candidate.provider.record.name,
        accountId: answer.attempt.account.id,
        model: answer.attempt.candidate.publicModel,
        owner: taskOwner(req, res),
        createdAt: Date.now(),
        video: made,
      });
      context.engine.completed(answer.attempt, request, { firstByteMs: answer.firstByteAt - answer.attempt.startedAt });
      setServedByHeaders(res, answer.attempt, plan);
      sendBytes(res, answer.upstream.statusCode ?? 200, answer.json.raw);
    } catch (error) {
      passFailure(error, { outcome, cancellation, next });
    } finally {
      recordOutcome(context, { format: 'openai-videos', req, res, outcome });
    }
  };
}

/** `GET /v1/videos/{id}`: the video's status from the account that made it, kept for the list. */
async function retrieveVideo(context: RouterContext, req: Request, res: Response): Promise<void> {
  const record = ownVideo(context, req, res);
  const { raw, parsed } = await askUpstream(context, record, { method: 'GET', path: `/videos/${encodeURIComponent(record.id)}` }, cancelOnClose(res, context.inFlight));
  context.store.videos.update(record.id, videoObject(parsed, record.provider));
  sendBytes(res, 200, raw, record);
}

/** `DELETE /v1/videos/{id}`: deleted upstream, then forgotten here. */
async function deleteVideo(context: RouterContext, req: Request, res: Response): Promise<void> {
  const record = ownVideo(context, req, res);
  const { raw } = await askUpstream(context, record, { method: 'DELETE', path: `/videos/${encodeURIComponent(record.id)}` }, cancelOnClose(res, context.inFlight));
  context.store.videos.delete(record.id);
  sendBytes(res, 200, raw, record);
}

/** `POST /v1/videos/{id}/remix`: a new video from the same account, remembered like the first. */
async function remixVideo(context: RouterContext, req: Request, res: Response, next: Next): Promise<void> {
  const outcome = newOutcome();
  let cancellation: Cancellation | undefined;
  try {
    const record = ownVideo(context, req, res);
    outcome.model = record.model;
    outcome.servedBy = { provider: record.provider, accountId: record.accountId, model: record.model };
    context.budgets.check(locals(res).apiKey?.id ?? null);
    const body = parseJsonBody(await readRawBody(req, context.settings.current.maxRequestBodyMb * megabyte)) as Record<string, unknown>;
    if (typeof body.prompt !== 'string' || body.prompt === '') throw invalidRequest('prompt is required', 'prompt');
    cancellation = cancelOnClose(res, context.inFlight);
    const { raw, parsed } = await askUpstream(context, record, { method: 'POST', path: `/videos/${encodeURIComponent(record.id)}/remix`, body: JSON.stringify(body) }, cancellation);
    const made = videoObject(parsed, record.provider);
    context.store.videos.put({ ...record, id: made.id, createdAt: Date.now(), video: made });
    outcome.complete = true;
    sendBytes(res, 200, raw, record);
  } catch (error) {
    passFailure(error, { outcome, cancellation, next });
  } finally {
    recordOutcome(context, { format: 'openai-videos', req, res, outcome });
  }
}

/** `GET /v1/videos/{id}/content`: the file, relayed as it downloads (`variant` passed on). */
async function videoContent(context: RouterContext, req: Request, res: Response): Promise<void> {
  const record = ownVideo(context, req, res);
  const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
  const cancellation = cancelOnClose(res, context.inFlight);
  const upstream = await callVideoAccount(context, record, { method: 'GET', path: `/videos/${encodeURIComponent(record.id)}/content${query}` }, cancellation);
  headersOf(res, record);
  const length = upstream.headers['content-length'];
  if (length !== undefined) res.setHeader('content-length', length);
  await relayStream({
    upstream,
    response: res,
    cancellation,
    idleTimeoutMs: context.settings.current.streamIdleTimeoutMs,
    provider: record.provider,
    contentType: upstream.headers['content-type'] ?? 'application/octet-stream',
    transform: rawBytes,
  });
}

/**
 * `GET /v1/videos`: the caller's videos, newest first (`order=asc` for oldest), `limit` (1-100,
 * default 20) after the `after` cursor. A video still being made is asked about afresh; settled
 * ones come as last seen.
 */
async function listVideos(context: RouterContext, req: Request, res: Response): Promise<void> {
  const query = new URLSearchParams(req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '');
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalidRequest("order must be 'asc' or 'desc'", 'order');
  const limit = Number(query.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidRequest('limit must be a whole number from 1 to 100', 'limit');
  const owner = taskOwner(req, res);
  const afterId = query.get('after');
  const after = afterId === null ? undefined : context.store.videos.get(afterId);
  if (afterId !== null && (!after || after.owner !== owner)) throw invalidRequest(`No video '${afterId}' to list after.`, 'after');
  const page = context.store.videos.list(owner, { order, after, limit: limit + 1 });
  const shown = page.slice(0, limit);
  const cancellation = cancelOnClose(res, context.inFlight);
  const data = await Promise.all(
    shown.map(async (record) => {
      if (settled.has(String(record.video.status))) return record.video;
      try {
        const { parsed } = await askUpstream(context, record, { method: 'GET', path: `/videos/${encodeURIComponent(record.id)}` }, cancellation);
        const fresh = videoObject(parsed, record.provider);
        context.store.videos.update(record.id, fresh);
        return fresh;
      } catch {
        // The list still shows the video, as last seen, when its provider cannot be asked now.
        return record.video;
      }
    }),
  );
  res.json({ object: 'list', data, first_id: shown[0]?.id ?? null, last_id: shown.at(-1)?.id ?? null, has_more: page.length > limit });
}

/** The caller's video by the id in the path, or a 404 that does not tell others' videos from missing ones. */
function ownVideo(context: RouterContext, req: Request, res: Response): VideoRecord {
  const id = String(req.params.video_id);
  const record = context.store.videos.get(id);
  if (!record || record.owner !== taskOwner(req, res)) {
    throw new GatewayError({ code: 'not_found', status: 404, param: 'video_id', message: `No video '${id}' made through this router with this key.` });
  }
  return record;
}

/** The account that made a video, while its provider is still configured and the account enabled. */
function accountOf(context: RouterContext, record: VideoRecord): RuntimeAccount {
  const provider = context.catalog.get(record.provider);
  const account = provider?.accounts.find((candidate) => candidate.id === record.accountId);
  if (!provider || !account) {
    throw new GatewayError({
      code: 'unavailable',
      status: 503,
      provider: record.provider,
      message: `Video '${record.id}' was made by an account of provider '${record.provider}' that is no longer configured or enabled; only that account can reach it.`,
    });
  }
  return account;
}

interface VideoCall {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: string;
}

/** One call about a known video to the account that made it; its whole JSON answer. */
async function askUpstream(context: RouterContext, record: VideoRecord, call: VideoCall, cancellation: Cancellation): Promise<{ raw: Buffer; parsed: unknown }> {
  return readUpstreamJson(await callVideoAccount(context, record, call, cancellation), record.provider);
}

/** The upstream's answer to a call about a known video, from the account that made it; its error when it refused. */
function callVideoAccount(context: RouterContext, record: VideoRecord, call: VideoCall, cancellation: Cancellation): Promise<IncomingMessage> {
  const account = accountOf(context, record);
  return callForAnswer({ endpoint: account.endpoint, ...call, cancellation, timeoutMs: context.settings.current.upstreamTimeoutMs }, readOpenAiError);
}

/** The upstream's answer as a video object with an id, or a 502 naming the provider. */
function videoObject(parsed: unknown, provider: string): Record<string, unknown> & { id: string } {
  if (parsed && typeof parsed === 'object' && typeof (parsed as { id?: unknown }).id === 'string') return parsed as Record<string, unknown> & { id: string };
  throw new GatewayError({ code: 'upstream_error', status: 502, provider, message: `Provider '${provider}' did not return a video object with an id.` });
}

function headersOf(res: ServerResponse, record: VideoRecord): void {
  res.setHeader('x-omniroute-provider', record.provider);
  res.setHeader('x-omniroute-model', record.model);
}

function sendBytes(res: ServerResponse, status: number, body: Buffer, record?: VideoRecord): void {
  if (record) headersOf(res, record);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('content-length', body.length);
  res.end(body);
}
