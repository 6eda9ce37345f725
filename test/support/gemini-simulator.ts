/**
 * A stand-in for the Gemini API v1beta: a real HTTP server on loopback that speaks
 * `models/{model}:generateContent`, `:streamGenerateContent` (SSE with `alt=sse`, one JSON array
 * without) and `GET models`, checks `x-goog-api-key` (or `?key=`), refuses what Gemini refuses
 * (gemini-simulator-validate.ts), and fails on demand.
 * @see https://ai.google.dev/api/generate-content
 */
import { serveOnLoopback } from './simulator-server.js';
import { SimulatorScript } from './simulator-script.js';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cutConnection, parseBody, pause, readBody, writeEvent, type RequestState } from './openai-simulator-http.js';
import type { Fault, GeminiResponder, GeminiSimulator, GeminiSimulatorOptions, RecordedRequest, ScriptedReply } from './gemini-simulator-types.js';
import { echoReply, errorEnvelope, invalidKeyEnvelope, responseBody, streamedParts, usageFor, wholeParts } from './gemini-simulator-wire.js';
import { signFirstCall, signsCalls, validateGenerateContentRequest } from './gemini-simulator-validate.js';

export type { Fault, GeminiResponder, GeminiSimulator, GeminiSimulatorOptions, RecordedRequest, ScriptedFunctionCall, ScriptedReply, ScriptedUsage } from './gemini-simulator-types.js';

/** Shaped like a Google API key. */
export const DEFAULT_GEMINI_API_KEY = 'AIzaSyD-simulator-0123456789abcdefghij';
export const DEFAULT_GEMINI_MODELS: readonly string[] = ['gemini-2.5-flash', 'gemini-2.5-pro'];

export async function startGeminiSimulator(options: GeminiSimulatorOptions = {}): Promise<GeminiSimulator> {
  const apiKey = options.apiKey ?? DEFAULT_GEMINI_API_KEY;
  const models = [...(options.models ?? DEFAULT_GEMINI_MODELS)];
  const idPrefix = randomBytes(6).toString('hex');
  let sequence = 0;
  const script = new SimulatorScript<Fault, ScriptedReply, GeminiResponder, RecordedRequest>();
  const { faults, replies, requests } = script;
  /** Signatures this simulator gave function calls (Gemini 3 models), which it accepts back. */
  const issuedSignatures = new Set<string>();

  function sendJson(res: ServerResponse, status: number, body: unknown, fault?: Fault): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': String(Buffer.byteLength(text)), ...fault?.headers });
    res.end(text);
  }

  /** Google answers a missing key with 403 and a wrong one with 400 `API_KEY_INVALID`. */
  function authorize(req: IncomingMessage, query: URLSearchParams, res: ServerResponse): boolean {
    const header = req.headers['x-goog-api-key'];
    const key = typeof header === 'string' ? header : query.get('key');
    if (key === apiKey) return true;
    if (key === null || key === '') sendJson(res, 403, errorEnvelope(403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."));
    else sendJson(res, 400, invalidKeyEnvelope());
    return false;
  }

  async function generate(res: ServerResponse, state: RequestState, model: string, body: Record<string, unknown>, stream: boolean, sse: boolean): Promise<void> {
    const fault = faults.shift();
    if (fault?.delayMs) {
      await pause(fault.delayMs, res);
      if (state.closed) return;
    }
    if (fault?.hang) return;
    if (fault?.status !== undefined) return sendJson(res, fault.status, fault.body ?? errorEnvelope(fault.status, `Simulated failure ${fault.status}.`), fault);
    sequence += 1;
    const identity = { model, responseId: `${idPrefix}${sequence}` };
    const scripted = replies.shift() ?? script.responder?.(body) ?? echoReply(body as Parameters<typeof echoReply>[0]);
    // Gemini 3 signs the first function call of each step; the signature must come back with it.
    const reply = signsCalls(model) && scripted.functionCalls?.length && !scripted.functionCalls[0]!.thoughtSignature ? signFirstCall(scripted, `sig-${identity.responseId}`) : scripted;
    if (reply.functionCalls?.[0]?.thoughtSignature) issuedSignatures.add(reply.functionCalls[0].thoughtSignature);
    const usage = usageFor(reply, body);
    const finishReason = reply.finishReason ?? 'STOP';
    if (!stream) return sendJson(res, 200, responseBody(wholeParts(reply), identity, { finishReason, usage }), fault);
    // Every chunk carries the prompt count; the last one the full figures, as Gemini streams them.
    const chunks = streamedParts(reply).map((parts) => responseBody(parts, identity, { usage: { promptTokenCount: usage.promptTokenCount } }));
    chunks.push(responseBody([{ text: '' }], identity, { finishReason, usage }));
    const events = chunks.map((chunk, index) => (sse ? `data: ${JSON.stringify(chunk)}\r\n\r\n` : `${index === 0 ? '[' : ',\r\n'}${JSON.stringify(chunk)}`));
    if (!sse) events.push(']');
    res.writeHead(200, { 'content-type': sse ? 'text/event-stream' : 'application/json; charset=UTF-8', ...fault?.headers });
    res.flushHeaders();
    const cutAt = fault?.cutAfterChunks === undefined ? events.length : Math.min(fault.cutAfterChunks, chunks.length - 1);
    const errorAt = fault?.errorAfterChunks;
    for (let index = 0; index < cutAt; index++) {
      if (errorAt === index) {
        const error = JSON.stringify(errorEnvelope(503, 'The model is overloaded. Please try again later.'));
        await writeEvent(res, state, sse ? `data: ${error}\r\n\r\n` : `${index === 0 ? '[' : ',\r\n'}${error}]`);
        res.end();
        return;
      }
      if (fault?.chunkDelayMs && index > 0) {
        await pause(fault.chunkDelayMs, res);
        if (state.closed) return;
      }
      if (!(await writeEvent(res, state, events[index]!))) return;
    }
    if (cutAt < events.length) return cutConnection(res, state);
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://simulator');
    const path = decodeURIComponent(url.pathname);
    const recorded: RecordedRequest = { method, path, query: url.searchParams, headers: req.headers, body: undefined, aborted: false };
    requests.push(recorded);
    const state: RequestState = { closed: false, cutBySimulator: false };
    script.watch(res, state, recorded);
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      return;
    }
    // Text that is not JSON is kept as text, and refused below.
    const { body } = parseBody(raw);
    recorded.body = body;

    if (method === 'GET' && path === '/v1beta/models') {
      if (!authorize(req, url.searchParams, res)) return;
      return sendJson(res, 200, { models: models.map((name) => ({ name: `models/${name}`, displayName: name, supportedGenerationMethods: ['generateContent', 'countTokens'] })) });
    }
    const counting = /^\/v1beta\/models\/(.+):countTokens$/.exec(path);
    if (method === 'POST' && counting) {
      if (!authorize(req, url.searchParams, res)) return;
      if (!models.includes(counting[1]!)) return sendJson(res, 404, errorEnvelope(404, `models/${counting[1]} is not found for API version v1beta, or is not supported for countTokens.`));
      // Deterministic stand-in for Gemini's tokenizer: one token per word of text.
      const request = body as { contents?: unknown; generateContentRequest?: { contents?: unknown } } | undefined;
      const contents = (request?.contents ?? request?.generateContentRequest?.contents ?? []) as { parts?: { text?: unknown }[] }[];
      const words = contents
        .flatMap((content) => content.parts ?? [])
        .map((part) => (typeof part.text === 'string' ? part.text.split(/\s+/).filter(Boolean).length : 0))
        .reduce((sum, count) => sum + count, 0);
      return sendJson(res, 200, { totalTokens: words });
    }
    const match = /^\/v1beta\/models\/(.+):(generateContent|streamGenerateContent)$/.exec(path);
    if (method === 'POST' && match) {
      if (!authorize(req, url.searchParams, res)) return;
      const model = match[1]!;
      if (!models.includes(model)) return sendJson(res, 404, errorEnvelope(404, `models/${model} is not found for API version v1beta, or is not supported for generateContent.`));
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return sendJson(res, 400, errorEnvelope(400, 'Invalid JSON payload received.'));
      const contents = (body as { contents?: unknown }).contents;
      if (!Array.isArray(contents) || contents.length === 0) return sendJson(res, 400, errorEnvelope(400, '* GenerateContentRequest.contents: contents is not specified'));
      const invalid = validateGenerateContentRequest(body as Record<string, unknown>, signsCalls(model) ? issuedSignatures : undefined);
      if (invalid) return sendJson(res, 400, errorEnvelope(400, invalid));
      const stream = match[2] === 'streamGenerateContent';
      return generate(res, state, model, body as Record<string, unknown>, stream, url.searchParams.get('alt') === 'sse');
    }
    sendJson(res, 404, errorEnvelope(404, `Not found: ${method} ${path}`));
  }

  const { server, port } = await serveOnLoopback(handle);
  return {
    url: `http://127.0.0.1:${port}/v1beta`,
    port,
    apiKey,
    models,
    ...script.controls(server),
  };
}
