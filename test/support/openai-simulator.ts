/**
 * A stand-in for OpenAI-compatible upstreams: a real HTTP server on loopback that speaks the Chat
 * Completions wire format (streams included) and fails on demand. The router's tests and its
 * benchmark point provider accounts at it, so the hot path does no logging and no per-event
 * object serialisation.
 *
 * @see https://platform.openai.com/docs/api-reference/chat
 */
import { serveOnLoopback } from './simulator-server.js';
import { SimulatorScript } from './simulator-script.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import {
  defaultFaultEnvelope,
  invalidApiKeyEnvelope,
  invalidUrlEnvelope,
  missingApiKeyEnvelope,
  missingParameterEnvelope,
  modelNotFoundEnvelope,
  unparsableBodyEnvelope,
} from './openai-simulator-errors.js';
import { parseBody, pause, readBodyBytes, writeChunks, writeWhole } from './openai-simulator-http.js';
import { readAudioForm, speechAnswer, transcriptionAnswer, type AudioAnswer } from './openai-simulator-audio.js';
import type { RequestState } from './openai-simulator-http.js';
import { completionBody, echoReply, malformedCompletionBody, resolveReply, streamEvents, withStreamError } from './openai-simulator-wire.js';
import type { ChatRequestBody, CompletionIdentity } from './openai-simulator-wire.js';
import { embeddingsAnswer, imagesAnswer, SIMULATED_PNG_BASE64, type WireAnswer } from './openai-simulator-media.js';
import { readVideoBody, recordedVideoBody, SimulatedVideos } from './openai-simulator-videos.js';
import type { Fault, OpenAiSimulator, OpenAiSimulatorOptions, RecordedRequest, Responder, ScriptedReply } from './openai-simulator-types.js';

export type { Fault, OpenAiSimulator, OpenAiSimulatorOptions, RecordedRequest, Responder, RespondedRequest, ScriptedReply, ScriptedUsage } from './openai-simulator-types.js';
export { countSimulatedTokens, simulatedPromptTokens, SYSTEM_FINGERPRINT } from './openai-simulator-wire.js';
export { FAIL_MARKER, simulatedVideo } from './openai-simulator-videos.js';
export type { ReceivedVideoForm, SimulatedVideoObject, VideoVariant } from './openai-simulator-videos.js';

/** Shaped like a real key so code that checks the `sk-` prefix accepts it. */
export const DEFAULT_SIMULATOR_API_KEY = 'sk-simulator-0123456789abcdef';
export const DEFAULT_SIMULATOR_MODELS: readonly string[] = ['gpt-4o-mini', 'gpt-4o'];

/** `created` for the model list; OpenAI reports when each model was published, a fixed past date. */
const MODEL_CREATED = 1715367049;

/** A pending `waitForAborted`; kept with its timer so `close()` can settle it instead of leaving it hanging. */
/**
 * Starts a simulator on 127.0.0.1 with an ephemeral port. Each test file starts its own, so tests
 * running in parallel never share queues.
 */
export async function startOpenAiSimulator(options: OpenAiSimulatorOptions = {}): Promise<OpenAiSimulator> {
  const apiKey = options.apiKey ?? DEFAULT_SIMULATOR_API_KEY;
  const models = [...(options.models ?? DEFAULT_SIMULATOR_MODELS)];
  const modelSet = new Set(models);
  const record = options.record ?? true;
  const acceptedAuthorizations = new Set([apiKey, ...(options.extraApiKeys ?? [])].map((key) => `Bearer ${key}`));
  const modelListBody = JSON.stringify({ object: 'list', data: models.map((id) => ({ id, object: 'model', created: MODEL_CREATED, owned_by: 'system' })) });
  // A random prefix plus a counter gives unique ids without per-request randomness.
  const idPrefix = randomBytes(6).toString('hex');
  let sequence = 0;

  const script = new SimulatorScript<Fault, ScriptedReply, Responder, RecordedRequest>();
  const { faults, replies, requests } = script;
  const videos = new SimulatedVideos(idPrefix, modelSet);

  function baseHeaders(contentType: string, fault: Fault | undefined): Record<string, string> {
    sequence += 1;
    const headers: Record<string, string> = { 'content-type': contentType, 'x-request-id': `req_${idPrefix}${sequence}`, 'openai-version': '2020-10-01' };
    return fault?.headers ? { ...headers, ...fault.headers } : headers;
  }

  function sendJson(res: ServerResponse, status: number, body: string, fault?: Fault): void {
    const headers = baseHeaders('application/json', fault);
    headers['content-length'] = String(Buffer.byteLength(body));
    res.writeHead(status, headers);
    res.end(body);
  }

  function authorize(req: IncomingMessage, res: ServerResponse): boolean {
    const authorization = req.headers.authorization;
    if (authorization !== undefined && acceptedAuthorizations.has(authorization)) return true;
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
    sendJson(res, 401, JSON.stringify(token === '' ? missingApiKeyEnvelope() : invalidApiKeyEnvelope(token)));
    return false;
  }

  /** The first queued fault meant for this endpoint (chat when a fault names none). */
  function takeFault(endpoint: NonNullable<Fault['endpoint']>): Fault | undefined {
    const index = faults.findIndex((fault) => (fault.endpoint ?? 'chat') === endpoint);
    return index === -1 ? undefined : faults.splice(index, 1)[0];
  }

  /** Applies a fault's delay, hang or error status; true when the request is answered (or gone). */
  async function applyFault(res: ServerResponse, state: RequestState, fault: Fault | undefined): Promise<boolean> {
    if (fault?.delayMs) {
      await pause(fault.delayMs, res);
      if (state.closed) return true;
    }
    // Hanging means holding the connection open without a byte; the close listener notes the abort.
    if (fault?.hang) return true;
    if (fault?.status === undefined) return false;
    const body = fault.body === undefined ? defaultFaultEnvelope(fault.status) : fault.body;
    sendJson(res, fault.status, typeof body === 'string' ? body : JSON.stringify(body), fault);
    return true;
  }

  async function handleJson(res: ServerResponse, state: RequestState, endpoint: 'embeddings' | 'images', answer: () => WireAnswer): Promise<void> {
    const fault = takeFault(endpoint);
    if (await applyFault(res, state, fault)) return;
    const { status, body } = answer();
    sendJson(res, status, JSON.stringify(body), fault);
  }

  /** `/v1/audio/*`: a form (transcriptions, translations) or JSON (speech) in; a whole body or chunks out. */
  async function handleAudio(req: IncomingMessage, res: ServerResponse, state: RequestState, path: string, bytes: Buffer, recorded: RecordedRequest | undefined): Promise<void> {
    let answer: AudioAnswer;
    if (path === '/v1/audio/transcriptions' || path === '/v1/audio/translations') {
      const audio = await readAudioForm(bytes, req.headers['content-type']);
      if (recorded) recorded.body = audio;
      if (!authorize(req, res)) return;
      answer = 'error' in audio ? { kind: 'error', status: 400, body: audio } : transcriptionAnswer(audio, path.endsWith('translations') ? 'translate' : 'transcribe', modelSet);
    } else if (path === '/v1/audio/speech') {
      let body: unknown;
      try {
        body = JSON.parse(bytes.toString('utf8'));
      } catch {
        body = undefined;
      }
      if (recorded) recorded.body = body ?? bytes.toString('utf8');
      if (!authorize(req, res)) return;
      answer = body === undefined ? { kind: 'error', status: 400, body: unparsableBodyEnvelope() } : speechAnswer(body, modelSet);
    } else return sendJson(res, 404, JSON.stringify(invalidUrlEnvelope('POST', path)));
    const fault = takeFault('audio');
    if (await applyFault(res, state, fault)) return;
    if (answer.kind === 'error') return sendJson(res, answer.status, JSON.stringify(answer.body), fault);
    const headers = baseHeaders(answer.contentType, fault);
    if (answer.kind === 'whole') {
      headers['content-length'] = String(Buffer.byteLength(answer.body));
      res.writeHead(200, headers);
      return void res.end(answer.body);
    }
    const chunks = fault?.streamError && answer.contentType.startsWith('text/event-stream') ? withStreamError(answer.chunks, fault.streamError) : answer.chunks;
    res.writeHead(200, headers);
    return writeChunks(res, state, chunks, fault);
  }

  /** `/v1/videos...`: the job store answers; a queued `videos` fault replaces that answer before it changes anything. */
  async function handleVideos(req: IncomingMessage, res: ServerResponse, state: RequestState, method: string, url: string, bytes: Buffer, recorded: RecordedRequest | undefined): Promise<void> {
    const body = await readVideoBody(bytes, req.headers['content-type']);
    if (recorded) recorded.body = recordedVideoBody(body);
    if (!authorize(req, res)) return;
    const answer = videos.answer(method, url, body);
    const fault = takeFault('videos');
    if (await applyFault(res, state, fault)) return;
    if (answer.kind === 'error') return sendJson(res, answer.status, JSON.stringify(answer.body), fault);
    if (answer.kind === 'json') {
      return writeWhole(res, state, 200, baseHeaders('application/json', fault), JSON.stringify(answer.run()), fault?.cutAfterChunks !== undefined);
    }
    res.writeHead(200, baseHeaders(answer.contentType, fault));
    return writeChunks(res, state, answer.chunks, fault);
  }

  async function handleChat(res: ServerResponse, state: RequestState, request: ChatRequestBody): Promise<void> {
    const fault = takeFault('chat');
    if (await applyFault(res, state, fault)) return;
    sequence += 1;
    const identity: CompletionIdentity = { id: `chatcmpl-${idPrefix}${sequence}`, created: Math.floor(Date.now() / 1000), model: request.model };
    if (fault?.malformedJson && request.stream !== true) {
      sendJson(res, 200, malformedCompletionBody(identity), fault);
      return;
    }
    const scripted = replies.shift() ?? script.responder?.(request) ?? script.defaultReply ?? echoReply(request.messages);
    const reply = resolveReply(scripted, request.messages);
    if (request.stream !== true) {
      return writeWhole(res, state, 200, baseHeaders('application/json', fault), completionBody(identity, reply), fault?.cutAfterChunks !== undefined);
    }
    const events = streamEvents(identity, reply, request, fault?.malformedJson === true);
    const streamed = fault?.streamError ? withStreamError(events, fault.streamError) : events;
    res.writeHead(200, baseHeaders('text/event-stream; charset=utf-8', fault));
    // Without a cut, every event including [DONE] goes out; a cut never sends [DONE].
    const cutAfterChunks = fault?.cutAfterChunks === undefined ? undefined : Math.min(fault.cutAfterChunks, streamed.length - 1);
    return writeChunks(res, state, streamed, { chunkDelayMs: fault?.chunkDelayMs, cutAfterChunks });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const recorded: RecordedRequest | undefined = record ? { method, path, headers: req.headers, body: undefined, aborted: false } : undefined;
    if (recorded) requests.push(recorded);
    const state: RequestState = { closed: false, cutBySimulator: false };
    script.watch(res, state, recorded);

    let bytes: Buffer;
    try {
      bytes = await readBodyBytes(req);
    } catch {
      return; // The client went away mid-body; the close listener records it.
    }
    if (path.startsWith('/v1/audio/') && method === 'POST') return handleAudio(req, res, state, path, bytes, recorded);
    if (path === '/v1/videos' || path.startsWith('/v1/videos/')) return handleVideos(req, res, state, method, url, bytes, recorded);
    const rawBody = bytes.toString('utf8');
    const { body, parsed } = parseBody(rawBody);
    if (recorded) recorded.body = body;

    if (path === '/v1/chat/completions' && method === 'POST') {
      if (!authorize(req, res)) return;
      if (!parsed || typeof body !== 'object' || body === null || Array.isArray(body)) return sendJson(res, 400, JSON.stringify(unparsableBodyEnvelope()));
      const request = body as Partial<ChatRequestBody>;
      if (typeof request.model !== 'string') return sendJson(res, 400, JSON.stringify(missingParameterEnvelope('model')));
      if (!Array.isArray(request.messages)) return sendJson(res, 400, JSON.stringify(missingParameterEnvelope('messages')));
      if (!modelSet.has(request.model)) return sendJson(res, 404, JSON.stringify(modelNotFoundEnvelope(request.model)));
      return handleChat(res, state, request as ChatRequestBody);
    }
    if (path === '/v1/embeddings' && method === 'POST') {
      if (!authorize(req, res)) return;
      return handleJson(res, state, 'embeddings', () => embeddingsAnswer(body));
    }
    if (path === '/v1/images/generations' && method === 'POST') {
      if (!authorize(req, res)) return;
      sequence += 1;
      const image = `img-${idPrefix}${sequence}`;
      return handleJson(res, state, 'images', () => imagesAnswer(body, (index) => `http://127.0.0.1:${port}/v1/files/${image}-${index}.png`));
    }
    if (path.startsWith('/v1/files/img-') && method === 'GET') {
      const png = Buffer.from(SIMULATED_PNG_BASE64, 'base64');
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) });
      return void res.end(png);
    }
    if (path === '/v1/models' && method === 'GET') {
      if (authorize(req, res)) sendJson(res, 200, modelListBody);
      return;
    }
    if (path.startsWith('/v1/models/') && method === 'GET') {
      if (!authorize(req, res)) return;
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      if (!modelSet.has(id)) return sendJson(res, 404, JSON.stringify(modelNotFoundEnvelope(id)));
      return sendJson(res, 200, JSON.stringify({ id, object: 'model', created: MODEL_CREATED, owned_by: 'system' }));
    }
    sendJson(res, 404, JSON.stringify(invalidUrlEnvelope(method, path)));
  }

  const { server, port } = await serveOnLoopback(handle);
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    apiKey,
    models,
    ...script.controls(server, () => videos.reset()),
  };
}
