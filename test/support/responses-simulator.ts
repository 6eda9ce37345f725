/**
 * A stand-in for Responses-only upstreams (OpenAI `/v1/responses`, Codex-style backends): a real
 * HTTP server on loopback speaking the Responses wire format, streams included, failing on demand.
 * @see https://platform.openai.com/docs/api-reference/responses
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AbortTracker } from './abort-tracker.js';
import { defaultFaultEnvelope, invalidApiKeyEnvelope, invalidUrlEnvelope, missingApiKeyEnvelope, modelNotFoundEnvelope } from './openai-simulator-errors.js';
import { cutConnection, pause, readBody, writeEvent, type RequestState } from './openai-simulator-http.js';
import type { Fault, RecordedRequest } from './openai-simulator-types.js';
import { closeServer, serveOnLoopback } from './simulator-server.js';
import { responseObject, streamEvents, type ResponsesScriptedReply } from './responses-simulator-wire.js';

export type { ResponsesScriptedReply } from './responses-simulator-wire.js';
export type { Fault, RecordedRequest } from './openai-simulator-types.js';

export interface ResponsesSimulator {
  /** Base URL including `/v1`. */
  url: string;
  apiKey: string;
  models: string[];
  requests: RecordedRequest[];
  reply(script: ResponsesScriptedReply): void;
  /** Faults (status + envelope + headers, delays, `cutAfterChunks`, `hang`) come before replies. */
  fail(fault: Fault): void;
  respondWith(responder: ((body: Record<string, unknown>) => ResponsesScriptedReply | undefined) | undefined): void;
  reset(): void;
  waitForAborted(count?: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startResponsesSimulator(options: { apiKey?: string; models?: string[] } = {}): Promise<ResponsesSimulator> {
  const apiKey = options.apiKey ?? 'sk-responses-simulator-0123456789';
  const models = [...(options.models ?? ['gpt-5-codex', 'o4-mini'])];
  const faults: Fault[] = [];
  const replies: ResponsesScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  let responder: ((body: Record<string, unknown>) => ResponsesScriptedReply | undefined) | undefined;
  const aborts = new AbortTracker();
  let counter = 0;
  let closing = false;

  const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), 'x-request-id': `req_${counter}`, ...headers });
    res.end(text);
  };

  async function respond(res: ServerResponse, state: RequestState, body: Record<string, unknown>): Promise<void> {
    const fault = faults.shift();
    if (fault?.delayMs) await pause(fault.delayMs, res);
    if (state.closed || fault?.hang) return;
    if (fault?.status !== undefined) return sendJson(res, fault.status, fault.body ?? defaultFaultEnvelope(fault.status), fault.headers);
    counter += 1;
    const id = `resp_sim${counter}`;
    const model = String(body.model);
    const reply = replies.shift() ?? responder?.(body) ?? echo(body.input);
    if (body.stream !== true) return sendJson(res, 200, responseObject(id, model, reply, reply.status ?? 'completed'), fault?.headers);
    const events = streamEvents(id, model, reply);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', ...fault?.headers });
    const cutAt = fault?.cutAfterChunks === undefined ? events.length : Math.min(fault.cutAfterChunks, events.length - 1);
    for (let index = 0; index < cutAt; index++) {
      if (fault?.chunkDelayMs && index > 0) await pause(fault.chunkDelayMs, res);
      if (!(await writeEvent(res, state, events[index]!))) return;
    }
    if (cutAt < events.length) return cutConnection(res, state);
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body: undefined, aborted: false };
    requests.push(recorded);
    const state: RequestState = { closed: false, cutBySimulator: false };
    res.once('close', () => {
      state.closed = true;
      if (!res.writableEnded && !state.cutBySimulator && !closing) {
        aborts.note(recorded);
      }
    });
    const raw = await readBody(req);
    try {
      recorded.body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      recorded.body = raw;
    }
    const authorization = req.headers.authorization;
    if (authorization !== `Bearer ${apiKey}`) {
      const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
      return sendJson(res, 401, token === '' ? missingApiKeyEnvelope() : invalidApiKeyEnvelope(token));
    }
    if (path === '/v1/models' && req.method === 'GET') return sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1715367049, owned_by: 'system' })) });
    if (path !== '/v1/responses' || req.method !== 'POST') return sendJson(res, 404, invalidUrlEnvelope(req.method ?? 'GET', path));
    const body = recorded.body as Record<string, unknown> | undefined;
    if (!body || typeof body.model !== 'string' || body.input === undefined) return sendJson(res, 400, defaultFaultEnvelope(400));
    if (!models.includes(body.model)) return sendJson(res, 404, modelNotFoundEnvelope(body.model));
    return respond(res, state, body);
  }

  const { server, port } = await serveOnLoopback(handle);
  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    models,
    requests,
    reply: (script) => void replies.push(script),
    fail: (fault) => void faults.push(fault),
    respondWith: (next) => void (responder = next),
    reset: () => {
      faults.length = 0;
      replies.length = 0;
      requests.length = 0;
      responder = undefined;
      aborts.reset();
    },
    waitForAborted: (count = 1, timeoutMs = 5000) => aborts.waitFor(count, timeoutMs),
    close: () => {
      closing = true;
      aborts.rejectAll();
      return closeServer(server);
    },
  };
}

/** The default reply: the last user text, echoed. */
function echo(input: unknown): ResponsesScriptedReply {
  if (typeof input === 'string') return { text: input };
  const items = Array.isArray(input) ? (input as { role?: string; content?: unknown }[]) : [];
  const last = items.filter((item) => item.role === 'user').at(-1);
  const content = last?.content;
  const text = typeof content === 'string' ? content : Array.isArray(content) ? content.map((part: { text?: string }) => part.text ?? '').join('') : '';
  return { text };
}
