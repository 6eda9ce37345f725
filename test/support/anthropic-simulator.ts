/**
 * A stand-in for Anthropic: a real HTTP server on loopback speaking the Messages API (streams
 * included), checking `x-api-key` and `anthropic-version`, enforcing the request rules translators
 * break most (anthropic-simulator-validate.ts), and failing on demand.
 *
 * @see https://docs.anthropic.com/en/api/messages
 */
import { serveOnLoopback } from './simulator-server.js';
import { SimulatorScript } from './simulator-script.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { defaultFaultEnvelope, envelope, streamErrorPayload } from './anthropic-simulator-errors.js';
import { validateMessagesRequest } from './anthropic-simulator-validate.js';
import { echoReply, messageBody, resolveReply, simulatedInputTokens, streamEvents } from './anthropic-simulator-wire.js';
import type { MessagesRequestBody } from './anthropic-simulator-wire.js';
import type { AnthropicResponder, AnthropicSimulator, AnthropicSimulatorOptions, Fault, RecordedRequest, ScriptedReply } from './anthropic-simulator-types.js';
import { cutConnection, parseBody, pause, readBody, writeEvent, writeWhole } from './openai-simulator-http.js';
import type { RequestState } from './openai-simulator-http.js';

export type { AnthropicResponder, AnthropicRespondedRequest, AnthropicSimulator, AnthropicSimulatorOptions, Fault, RecordedRequest, ScriptedBlock, ScriptedReply, ScriptedAnthropicUsage } from './anthropic-simulator-types.js';
export { countSimulatedTokens, simulatedInputTokens } from './anthropic-simulator-wire.js';

/** Shaped like a real key so code that recognises `sk-ant-` keys (redaction) treats it as one. */
export const DEFAULT_ANTHROPIC_SIMULATOR_API_KEY = 'sk-ant-simulator-0123456789abcdef';
export const DEFAULT_ANTHROPIC_SIMULATOR_MODELS: readonly string[] = ['claude-sonnet-4-6', 'claude-haiku-4-5', 'claude-opus-4-1'];
/** The version the router pins. */
export const ANTHROPIC_VERSION = '2023-06-01';
/**
 * The versions Anthropic serves. `@anthropic-ai/sdk` 1.x sends the newer one, which refuses the
 * sampling parameters.
 * @see https://docs.anthropic.com/en/api/versioning
 */
export const ANTHROPIC_VERSIONS: readonly string[] = [ANTHROPIC_VERSION, '2026-10-21'];

/** Anthropic's default page size for the model list. */
const MODEL_PAGE_SIZE = 20;

/** Starts a simulator on 127.0.0.1 with an ephemeral port; each test file starts its own. */
export async function startAnthropicSimulator(options: AnthropicSimulatorOptions = {}): Promise<AnthropicSimulator> {
  const apiKey = options.apiKey ?? DEFAULT_ANTHROPIC_SIMULATOR_API_KEY;
  const models = [...(options.models ?? DEFAULT_ANTHROPIC_SIMULATOR_MODELS)];
  const record = options.record ?? true;
  const idPrefix = randomBytes(6).toString('hex');
  let sequence = 0;

  const script = new SimulatorScript<Fault, ScriptedReply, AnthropicResponder, RecordedRequest>();
  const { faults, replies, requests } = script;

  function nextRequestId(): string {
    sequence += 1;
    return `req_011C${idPrefix}${sequence}`;
  }

  function headersFor(contentType: string, requestId: string, fault: Fault | undefined): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': contentType, 'request-id': requestId, 'anthropic-organization-id': 'org-simulator' };
    return fault?.headers ? { ...headers, ...fault.headers } : headers;
  }

  function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string, fault?: Fault): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { ...headersFor('application/json', requestId, fault), 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
  }

  function sendError(res: ServerResponse, status: number, type: string, message: string): void {
    const requestId = nextRequestId();
    sendJson(res, status, envelope(type, message, requestId), requestId);
  }

  /** Anthropic takes the key as `x-api-key` or, as SDK 1.x sends it, as a bearer token. */
  function authorize(req: IncomingMessage, res: ServerResponse): boolean {
    const authorization = req.headers.authorization;
    const key = req.headers['x-api-key'] ?? (authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined);
    if (key === undefined) {
      sendError(res, 401, 'authentication_error', 'x-api-key header is required');
      return false;
    }
    if (key !== apiKey) {
      sendError(res, 401, 'authentication_error', 'invalid x-api-key');
      return false;
    }
    const version = req.headers['anthropic-version'];
    if (version === undefined) {
      sendError(res, 400, 'invalid_request_error', 'anthropic-version: header is required');
      return false;
    }
    if (typeof version !== 'string' || !ANTHROPIC_VERSIONS.includes(version)) {
      sendError(res, 400, 'invalid_request_error', `anthropic-version: invalid version ${String(version)}`);
      return false;
    }
    return true;
  }

  async function handleMessages(res: ServerResponse, state: RequestState, request: MessagesRequestBody): Promise<void> {
    const fault = faults.shift();
    if (fault?.delayMs) {
      await pause(fault.delayMs, res);
      if (state.closed) return;
    }
    if (fault?.hang) return;
    const requestId = nextRequestId();
    if (fault?.status !== undefined) {
      sendJson(res, fault.status, fault.body === undefined ? defaultFaultEnvelope(fault.status, requestId) : fault.body, requestId, fault);
      return;
    }
    const id = `msg_01${idPrefix}${sequence}`;
    const reply = resolveReply(replies.shift() ?? script.responder?.(request) ?? script.defaultReply ?? echoReply(request.messages), request);
    if (request.stream !== true) {
      const body = messageBody(id, request.model, reply);
      if (fault?.cutAfterEvents === undefined) return sendJson(res, 200, body, requestId, fault);
      return writeWhole(res, state, 200, headersFor('application/json', requestId, fault), body, true);
    }
    const events = streamEvents(id, request.model, reply);
    res.writeHead(200, { ...headersFor('text/event-stream; charset=utf-8', requestId, fault), 'cache-control': 'no-cache' });
    const streamError = fault?.streamError;
    const stopAt = streamError !== undefined ? Math.min(streamError.afterEvents, events.length - 1) : events.length;
    const cutAt = fault?.cutAfterEvents === undefined ? stopAt : Math.min(fault.cutAfterEvents, events.length - 1, stopAt);
    const chunkDelay = fault?.chunkDelayMs ?? 0;
    if (cutAt === 0) res.flushHeaders();
    for (let index = 0; index < cutAt; index++) {
      if (chunkDelay > 0 && index > 0) {
        await pause(chunkDelay, res);
        if (state.closed) return;
      }
      if (!(await writeEvent(res, state, events[index]!))) return;
    }
    if (fault?.cutAfterEvents !== undefined) return cutConnection(res, state);
    if (streamError !== undefined) {
      const payload = streamErrorPayload(streamError.type ?? 'overloaded_error', streamError.message ?? 'Overloaded');
      if (!(await writeEvent(res, state, `event: error\ndata: ${payload}\n\n`))) return;
    }
    res.end();
  }

  function handleModels(res: ServerResponse, query: URLSearchParams): void {
    const limit = Math.max(1, Math.min(1000, Number(query.get('limit') ?? MODEL_PAGE_SIZE) || MODEL_PAGE_SIZE));
    const afterId = query.get('after_id');
    const start = afterId === null ? 0 : models.indexOf(afterId) + 1;
    const page = models.slice(start, start + limit);
    const requestId = nextRequestId();
    sendJson(
      res,
      200,
      {
        data: page.map((id) => modelObject(id)),
        has_more: start + limit < models.length,
        first_id: page[0] ?? null,
        last_id: page.at(-1) ?? null,
      },
      requestId,
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://simulator');
    const path = url.pathname;
    const recorded: RecordedRequest | undefined = record ? { method, path, headers: req.headers, body: undefined, aborted: false } : undefined;
    if (recorded) requests.push(recorded);
    const state: RequestState = { closed: false, cutBySimulator: false };
    script.watch(res, state, recorded);

    let rawBody: string;
    try {
      rawBody = await readBody(req);
    } catch {
      return;
    }
    const { body, parsed } = parseBody(rawBody);
    if (recorded) recorded.body = body;

    if ((path === '/v1/messages' || path === '/v1/messages/count_tokens') && method === 'POST') {
      if (!authorize(req, res)) return;
      if (!parsed || typeof body !== 'object' || body === null || Array.isArray(body)) {
        return sendError(res, 400, 'invalid_request_error', 'There was an issue with the format of your request: the body is not valid JSON.');
      }
      const request = body as Record<string, unknown>;
      if (path === '/v1/messages/count_tokens') {
        if (typeof request.model !== 'string' || !Array.isArray(request.messages)) return sendError(res, 400, 'invalid_request_error', 'messages: Field required');
        const requestId = nextRequestId();
        return sendJson(res, 200, { input_tokens: simulatedInputTokens(request as unknown as MessagesRequestBody) }, requestId);
      }
      const invalid = validateMessagesRequest(request, req.headers['anthropic-version'] as string);
      if (invalid !== undefined) return sendError(res, 400, 'invalid_request_error', invalid);
      if (!models.includes(request.model as string)) return sendError(res, 404, 'not_found_error', `model: ${String(request.model)}`);
      return handleMessages(res, state, request as unknown as MessagesRequestBody);
    }
    if (path === '/v1/models' && method === 'GET') {
      if (authorize(req, res)) handleModels(res, url.searchParams);
      return;
    }
    if (path.startsWith('/v1/models/') && method === 'GET') {
      if (!authorize(req, res)) return;
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      if (!models.includes(id)) return sendError(res, 404, 'not_found_error', `model: ${id}`);
      return sendJson(res, 200, modelObject(id), nextRequestId());
    }
    sendError(res, 404, 'not_found_error', 'Not Found');
  }

  const { server, port } = await serveOnLoopback(handle);
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/v1`,
    origin,
    port,
    apiKey,
    models,
    ...script.controls(server),
  };
}

/** A model as Anthropic lists it; `created_at` is a fixed past date, as the real one is. */
function modelObject(id: string): Record<string, unknown> {
  return { type: 'model', id, display_name: id.replace(/^claude-/, 'Claude ').replaceAll('-', ' '), created_at: '2025-09-29T00:00:00Z' };
}
