import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router } from 'express';
import { z } from '../../../shared/zod.js';
import { invalidRequest } from '../../errors/gateway-error.js';
import { parseJsonBody, validateBody } from '../../formats/decode-json.js';
import { errorEncoderFor } from '../../formats/error-encoders.js';
import type { Attempt } from '../../gateway/routing/route-plan.js';
import type { RouteRequest } from '../../gateway/routing/routing-engine.js';
import type { AudioInput, ProviderAdapter, UpstreamRequest } from '../../providers/provider-adapter.js';
import { openAiErrorEvent } from '../../providers/openai/openai-stream-errors.js';
import { latest, objectAt, sniffLines } from '../../providers/stream-usage-sniffer.js';
import { finiteFigures } from '../../providers/usage-field.js';
import type { Usage } from '../../spec/index.js';
import type { UsageEntry } from '../../usage/usage-entry.js';
import type { Cancellation } from '../../util/cancellation.js';
import { awaitFirstChunk } from '../await-first-chunk.js';
import { cancelOnClose } from '../cancel-on-close.js';
import { captureTransform } from '../capture-transform.js';
import type { Next } from '../middleware.js';
import { formField, parseMultipartForm, replaceFormValue, type MultipartForm } from '../multipart-form.js';
import { notesHeader } from '../notes-header.js';
import { readRawBody } from '../read-raw-body.js';
import { relayStream, type StreamTransform } from '../relay-stream.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';
import { readUpstreamBody } from '../send-upstream-json.js';
import { passthroughEvents, rawBytes } from '../stream-transforms.js';
import type { UpstreamAnswer } from './attempt-upstream.js';
import { passFailure } from './pass-failure.js';
import { newOutcome, recordOutcome, type RequestOutcome } from './record-outcome.js';
import { routeRequestOf } from './route-request.js';
import { runAttempts } from './run-attempts.js';
import { setServedByHeaders } from './served-by-headers.js';

const megabyte = 1024 * 1024;
/** The most a whole (not streamed) transcript may be: subtitles of hours of audio fit many times over. */
const transcriptLimit = 64 * megabyte;

/**
 * OpenAI's audio endpoints, routed like embeddings: the model resolves to a plan with fallback.
 * Providers of the `openai` family (OpenAI, Groq, and the other compatible servers that host
 * Whisper or TTS models) get the client's request with only the model changed, and their answer
 * comes back as it is. Audio families (Deepgram) get the request in their own API, and their
 * transcript comes back in OpenAI's shape; a target that cannot serve the request as asked (a
 * chat family, a format the vendor lacks) is skipped with the reason.
 *
 * - `/audio/transcriptions` and `/audio/translations` take a multipart form (the audio file and
 *   its fields). The answer is JSON, plain text or subtitles (`response_format`), read whole and
 *   sent with the upstream's Content-Type; with `stream=true` it is an event stream, relayed as it
 *   comes.
 * - `/audio/speech` takes JSON and answers with audio bytes, relayed as they come (a client can
 *   play the start while the rest is made), or with an event stream (`stream_format: "sse"`).
 *
 * Fallback ends with the first byte of the answer, as for chat: nothing the client has received is
 * ever asked for twice.
 */
export interface AudioEndpoint {
  /** Path after `/v1` (client side) and after the base URL of an OpenAI-compatible upstream. */
  path: '/audio/transcriptions' | '/audio/translations' | '/audio/speech';
  kind: 'transcriptions' | 'translations' | 'speech';
  usageFormat: UsageEntry['clientFormat'];
  /** Reads the client's body: what routing needs, and the upstream body for a given model. */
  read(raw: Buffer, contentType: string | undefined): AudioRequest;
}

interface AudioRequest {
  model: string;
  stream: boolean;
  /** The request's fields (and file), for audio families and routing (`x_session_id` of a JSON body). */
  input: AudioInput;
  /** The request as it goes to an OpenAI-compatible upstream, with the target's model. */
  upstream(upstreamModel: string): Pick<UpstreamRequest, 'body' | 'headers'>;
  /** What the request log keeps of the request: the fields, never the audio. */
  logged(): Buffer;
}

/** @see https://platform.openai.com/docs/api-reference/audio/createTranscription */
export const transcriptionsEndpoint: AudioEndpoint = { path: '/audio/transcriptions', kind: 'transcriptions', usageFormat: 'openai-transcriptions', read: readAudioForm };

/** @see https://platform.openai.com/docs/api-reference/audio/createTranslation */
export const translationsEndpoint: AudioEndpoint = { path: '/audio/translations', kind: 'translations', usageFormat: 'openai-translations', read: readAudioForm };

const speechSchema = z.looseObject({
  model: z.string('model is required').check(z.minLength(1, 'model must not be empty')),
  input: z.string('input is required').check(z.minLength(1, 'input must not be empty')),
  voice: z.unknown(),
});

/** @see https://platform.openai.com/docs/api-reference/audio/createSpeech */
export const speechEndpoint: AudioEndpoint = {
  path: '/audio/speech',
  kind: 'speech',
  usageFormat: 'openai-speech',
  read(raw) {
    const body = parseJsonBody(raw) as Record<string, unknown>;
    const { model } = validateBody(speechSchema, body);
    if (body.voice === undefined) throw invalidRequest('voice is required', 'voice');
    return {
      model,
      stream: body.stream_format === 'sse',
      input: { fields: body },
      upstream: (upstreamModel) => ({ body: JSON.stringify({ ...body, model: upstreamModel }) }),
      logged: () => raw,
    };
  },
};

function readAudioForm(raw: Buffer, contentType: string | undefined): AudioRequest {
  const form = parseMultipartForm(raw, contentType);
  const modelPart = form.parts.find((part) => part.name === 'model');
  const model = modelPart && raw.toString('utf8', modelPart.start, modelPart.end).trim();
  if (!modelPart || !model) throw invalidRequest('model is required: send it as a form field beside the file.', 'model');
  const file = form.parts.find((part) => part.name === 'file');
  if (!file || file.filename === undefined) throw invalidRequest('file is required: send the audio as a file field named "file".', 'file');
  if (file.start === file.end) throw invalidRequest(`The audio file '${file.filename}' is empty.`, 'file');
  return {
    model,
    stream: formField(form, 'stream')?.trim() === 'true',
    input: { fields: textFields(form), file: { bytes: raw.subarray(file.start, file.end), filename: file.filename, contentType: file.contentType } },
    upstream: (upstreamModel) => ({ body: replaceFormValue(form, modelPart, upstreamModel), headers: { 'content-type': contentType as string } }),
    logged: () => Buffer.from(JSON.stringify(loggedForm(form))),
  };
}

/** The form's text fields by name; a name given more than once (`timestamp_granularities[]`) has all its values. */
function textFields(form: MultipartForm): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const part of form.parts) {
    if (part.filename !== undefined) continue;
    const value = form.body.toString('utf8', part.start, part.end);
    const known = fields[part.name];
    fields[part.name] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
  }
  return fields;
}

/** The form's text fields, and for each file its name, type and size. */
function loggedForm(form: MultipartForm): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of form.parts) {
    const size = part.end - part.start;
    fields[part.name] =
      part.filename === undefined ? form.body.toString('utf8', part.start, part.end) : `(file '${part.filename}', ${part.contentType ?? 'no type'}, ${size.toLocaleString('en-US')} bytes)`;
  }
  return fields;
}

/** `POST /transcriptions`, `/translations` and `/speech`, mounted at `/v1/audio` (and pinned at `/v1/providers/{provider}/audio`). */
export function audioRoutes(context: RouterContext): Router {
  const router = Router();
  for (const endpoint of [transcriptionsEndpoint, translationsEndpoint, speechEndpoint]) router.post(endpoint.path.slice('/audio'.length), audioRoute(context, endpoint));
  return router;
}

function audioRoute(context: RouterContext, endpoint: AudioEndpoint) {
  return async (req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> => {
    const outcome = newOutcome();
    let cancellation: Cancellation | undefined;
    try {
      const raw = await readRawBody(req, context.settings.current.maxRequestBodyMb * megabyte);
      const audio = endpoint.read(raw, req.headers['content-type']);
      outcome.model = audio.model;
      outcome.stream = audio.stream;
      if (context.requestLogs.enabled) outcome.requestBody = audio.logged();
      context.budgets.check(locals(res).apiKey?.id ?? null);
      refusePinned(context, locals(res).pinnedProvider, endpoint, audio.input);
      const request: RouteRequest = {
        ...routeRequestOf({ req, res, body: audio.input.fields, model: audio.model, bodyBytes: raw.length, catalog: context.catalog }),
        unsupported: (candidate) => cannotServe(candidate.provider.adapter, candidate.provider.record.name, endpoint, audio.input),
      };
      const plan = (outcome.plan = context.engine.plan(request));
      if (request.sessionId) res.setHeader('x-omniroute-session-id', request.sessionId);
      cancellation = cancelOnClose(res, context.inFlight);
      const live = cancellation;
      const answer = await runAttempts(plan, live, (attempt) => attemptAudio({ context, endpoint, audio, attempt, cancellation: live }));
      outcome.answer = answer;
      if (answer.warnings.length > 0) {
        context.logger.warn('audio request sent with omissions', { requestId: locals(res).requestId, warnings: answer.warnings });
        res.setHeader('x-omniroute-warnings', notesHeader(answer.warnings));
      }
      setServedByHeaders(res, answer.attempt, plan);
      await deliver({ context, res, answer, outcome, cancellation: live });
      if (outcome.complete) context.engine.completed(answer.attempt, request, { firstByteMs: answer.firstByteAt - answer.attempt.startedAt });
    } catch (error) {
      passFailure(error, { outcome, cancellation, next });
    } finally {
      recordOutcome(context, { format: endpoint.usageFormat, req, res, outcome });
    }
  };
}

/** An answer, with a whole one's bytes (JSON, text or subtitles) read, and its content type. */
interface AudioAnswer extends UpstreamAnswer {
  whole?: { body: Buffer; contentType: string };
}

/** Why a provider cannot serve this audio request, for routing to skip it with; undefined when it can. */
function cannotServe(adapter: ProviderAdapter, provider: string, endpoint: AudioEndpoint, input: AudioInput): string | undefined {
  if (!adapter.chat) {
    const reason = adapter.cannotServe(endpoint.kind, input);
    return reason === undefined ? undefined : `provider '${provider}' cannot serve this request: ${reason}`;
  }
  if (adapter.family === 'openai') return undefined;
  return `provider '${provider}' is of the ${adapter.family} family, and /v1${endpoint.path} goes only to OpenAI-compatible (openai family) and audio (deepgram) providers`;
}

/** A request pinned to one provider cannot go anywhere else, so a provider that cannot serve it is the client's mistake. */
function refusePinned(context: RouterContext, pinned: string | undefined, endpoint: AudioEndpoint, input: AudioInput): void {
  const provider = pinned === undefined ? undefined : context.catalog.get(pinned);
  if (!provider) return;
  const reason = cannotServe(provider.adapter, provider.record.name, endpoint, input);
  if (reason !== undefined) throw invalidRequest(`${reason[0]?.toUpperCase()}${reason.slice(1)}.`, 'provider');
}

/**
 * One upstream call. A whole answer (a transcript) is read before anything reaches the client, so
 * an upstream that breaks off is still a failed attempt; an answer that flows (audio, events)
 * waits only for its first bytes.
 */
async function attemptAudio(input: { context: RouterContext; endpoint: AudioEndpoint; audio: AudioRequest; attempt: Attempt; cancellation: Cancellation }): Promise<AudioAnswer> {
  const { context, attempt, cancellation } = input;
  const { candidate } = attempt;
  const provider = candidate.provider.record.name;
  const settings = context.settings.current;
  const { adapter } = candidate.provider;
  const { audio, endpoint } = input;
  const request: UpstreamRequest = adapter.chat
    ? { path: endpoint.path, ...audio.upstream(candidate.upstreamModel) }
    : endpoint.kind === 'speech'
      ? adapter.encodeSpeech(audio.input, candidate.upstreamModel)
      : adapter.encodeTranscription(audio.input, candidate.upstreamModel);
  const upstream = await adapter.send({ endpoint: attempt.account.endpoint, request, cancellation, timeoutMs: settings.upstreamTimeoutMs });
  const answer: AudioAnswer = { attempt, upstream, canonical: undefined, warnings: request.warnings ?? [], firstByteAt: 0 };
  if (flows(upstream, endpoint)) {
    answer.firstChunk = await awaitFirstChunk({ upstream, timeoutMs: settings.streamIdleTimeoutMs, cancellation, provider });
  } else {
    const raw = await readUpstreamBody(upstream, provider, transcriptLimit);
    const contentType = upstream.headers['content-type'] ?? 'application/octet-stream';
    if (adapter.chat) {
      answer.whole = { body: raw, contentType };
      answer.usage = usageOfTranscript(raw, contentType);
    } else {
      const decoded = adapter.decodeTranscription(raw, audio.input, provider);
      answer.whole = { body: Buffer.from(decoded.body), contentType: decoded.contentType };
      answer.usage = decoded.usage;
    }
  }
  answer.firstByteAt = Date.now();
  return answer;
}

/** Speech audio and event streams are relayed as they arrive; a transcript is one whole answer. */
function flows(upstream: IncomingMessage, endpoint: AudioEndpoint): boolean {
  return endpoint === speechEndpoint || isEventStream(upstream);
}

function isEventStream(upstream: IncomingMessage): boolean {
  return (upstream.headers['content-type'] ?? '').startsWith('text/event-stream');
}

async function deliver(input: { context: RouterContext; res: ServerResponse; answer: AudioAnswer; outcome: RequestOutcome; cancellation: Cancellation }): Promise<void> {
  const { context, res, answer, outcome } = input;
  const { upstream } = answer;
  if (answer.whole) {
    res.statusCode = upstream.statusCode ?? 200;
    res.setHeader('content-type', answer.whole.contentType);
    res.setHeader('content-length', answer.whole.body.length);
    res.end(answer.whole.body);
    if (outcome.requestBody) outcome.responseBody = [answer.whole.body];
    outcome.usage = answer.usage;
    outcome.complete = true;
    return;
  }
  const provider = answer.attempt.candidate.provider.record.name;
  const contentType = upstream.headers['content-type'] ?? 'application/octet-stream';
  const events = isEventStream(upstream);
  const sniffer = events ? sniffLines('usage', latest(tokenUsage), { inBandError: openAiErrorEvent }) : undefined;
  let transform: StreamTransform = events ? passthroughEvents(errorEncoderFor('openai-chat'), undefined, sniffer) : rawBytes;
  if (outcome.requestBody) {
    outcome.responseBody = [];
    // Audio bytes are not worth keeping: the log notes what was sent instead.
    if (events) transform = captureTransform(transform, outcome.responseBody, context.settings.current.requestLogs.maxBodyBytes);
  }
  const relayed = await relayStream({
    upstream,
    response: res,
    cancellation: input.cancellation,
    idleTimeoutMs: context.settings.current.streamIdleTimeoutMs,
    provider,
    contentType,
    transform,
    ...(answer.firstChunk ? { firstChunk: answer.firstChunk } : {}),
  });
  if (!events && outcome.responseBody) outcome.responseBody.push(Buffer.from(`(${contentType} audio)`));
  outcome.usage = sniffer?.usage;
  // An error event inside the 200 stream reached the client as sent; the request is recorded as
  // the failure it was.
  const inBand = sniffer?.error;
  outcome.error ??= inBand ?? relayed.failure;
  outcome.complete = relayed.outcome === 'complete' && inBand === undefined;
}

/**
 * Models billed by token report `usage: {input_tokens, output_tokens}` (in a JSON transcript, or in
 * a stream's last event; transcripts add `type: "tokens"`); Whisper reports `type: "duration"` with
 * seconds, which are not tokens.
 */
function tokenUsage(event: Record<string, unknown>): Usage | undefined {
  const usage = objectAt(event, 'usage');
  if (!usage || usage.type === 'duration') return undefined;
  return finiteFigures({ inputTokens: usage.input_tokens as number, outputTokens: usage.output_tokens as number, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined });
}

function usageOfTranscript(raw: Buffer, contentType: string): Usage | undefined {
  if (!contentType.startsWith('application/json')) return undefined;
  try {
    return tokenUsage(JSON.parse(raw.toString('utf8')) as Record<string, unknown>);
  } catch {
    // A JSON transcript the router cannot read costs its figures, never the answer.
    return undefined;
  }
}
