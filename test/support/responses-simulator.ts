/**
 * A stand-in for Responses-only upstreams (OpenAI `/v1/responses`, Codex-style backends): a real
 * HTTP server on loopback speaking the Responses wire format, streams included, failing on demand.
 * @see https://platform.openai.com/docs/api-reference/responses
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultFaultEnvelope, invalidApiKeyEnvelope, invalidUrlEnvelope, missingApiKeyEnvelope, modelNotFoundEnvelope } from './openai-simulator-errors.js';
import { cutConnection, parseBody, pause, readBody, writeEvent, type RequestState } from './openai-simulator-http.js';
import type { Fault, RecordedRequest } from './openai-simulator-types.js';
import { SimulatorScript, type SimulatorControls } from './simulator-script.js';
import { serveOnLoopback } from './simulator-server.js';
import { responseObject, streamEvents, type ResponsesScriptedReply } from './responses-simulator-wire.js';

export type { ResponsesScriptedReply } from './responses-simulator-wire.js';
export type { Fault, RecordedRequest } from './openai-simulator-types.js';

type ResponsesResponder = (body: Record<string, unknown>) => ResponsesScriptedReply | undefined;

/** Faults (status + envelope + headers, delays, `cutAfterChunks`, `hang`) come before replies. */
export interface ResponsesSimulator extends Omit<SimulatorControls<Fault, ResponsesScriptedReply, ResponsesResponder, RecordedRequest>, 'setDefault'> {
  /** Base URL including `/v1`. */
  url: string;
  apiKey: string;
  models: string[];
}

export async function startResponsesSimulator(options: { apiKey?: string; models?: string[] } = {}): Promise<ResponsesSimulator> {
  const apiKey = options.apiKey ?? 'sk-responses-simulator-0123456789';
  const models = [...(options.models ?? ['gpt-5-codex', 'o4-mini'])];
  const script = new SimulatorScript<Fault, ResponsesScriptedReply, ResponsesResponder, RecordedRequest>();
  const { faults, replies, requests } = script;
  let counter = 0;

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
    const reply = replies.shift() ?? script.responder?.(body) ?? echo(body.input);
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
    script.watch(res, state, recorded);
    recorded.body = parseBody(await readBody(req)).body;
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
    ...script.controls(server),
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
