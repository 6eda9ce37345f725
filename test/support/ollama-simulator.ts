/**
 * A stand-in for an Ollama server: a real HTTP server on loopback speaking Ollama's API
 * (`/api/chat`, `/api/generate`, `/api/tags`, `/api/show`, `/api/version`), streaming NDJSON
 * unless the request says `stream: false`, as Ollama does, and failing on demand.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md
 */
import { serveOnLoopback } from './simulator-server.js';
import { SimulatorScript } from './simulator-script.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cutConnection, parseBody, pause, readBody, writeEvent, type RequestState } from './openai-simulator-http.js';
import type { OllamaFault, OllamaRecordedRequest, OllamaScriptedReply, OllamaSimulator, OllamaSimulatorOptions } from './ollama-simulator-types.js';

export type { OllamaFault, OllamaRecordedRequest, OllamaScriptedReply, OllamaSimulator, OllamaSimulatorOptions } from './ollama-simulator-types.js';

export const DEFAULT_OLLAMA_MODELS: readonly string[] = ['llama3.2:latest', 'qwen3:8b'];
export const SIMULATED_OLLAMA_VERSION = '0.12.6';

interface Body {
  model?: unknown;
  messages?: { role?: string; content?: string }[];
  prompt?: unknown;
  stream?: unknown;
}

/** Words with their leading whitespace, as tokens arrive. */
function words(text: string): string[] {
  return text.match(/\s*\S+/g) ?? (text === '' ? [] : [text]);
}

/** The lines of one answer: deltas, tool calls, then the `done` line. */
function answerLines(model: string, reply: OllamaScriptedReply, promptText: string, endpoint: 'chat' | 'generate'): string[] {
  const createdAt = new Date().toISOString();
  const line = (fields: Record<string, unknown>): string => `${JSON.stringify({ model, created_at: createdAt, ...fields })}\n`;
  const piece = (content: string, extra: Record<string, unknown> = {}): string =>
    endpoint === 'chat' ? line({ message: { role: 'assistant', content, ...extra }, done: false }) : line({ response: content, ...extra, done: false });
  const lines: string[] = [];
  for (const thought of words(reply.thinking ?? '')) lines.push(piece('', { thinking: thought }));
  for (const chunk of reply.chunks ?? words(reply.text ?? '')) lines.push(piece(chunk));
  const deltas = lines.length;
  if (endpoint === 'chat') for (const call of reply.toolCalls ?? []) lines.push(piece('', { tool_calls: [{ function: call }] }));
  const start = endpoint === 'chat' ? { message: { role: 'assistant', content: '' } } : { response: '' };
  lines.push(
    line({
      ...start,
      done: true,
      done_reason: reply.doneReason ?? 'stop',
      total_duration: 1_000_000,
      load_duration: 10_000,
      prompt_eval_count: reply.promptEvalCount ?? Math.ceil(promptText.length / 4),
      prompt_eval_duration: 100_000,
      eval_count: reply.evalCount ?? deltas,
      eval_duration: 500_000,
    }),
  );
  return lines;
}

/** The same answer in one object, as `stream: false` sends it. */
function wholeAnswer(lines: string[], endpoint: 'chat' | 'generate'): string {
  const objects = lines.map((text) => JSON.parse(text) as Record<string, unknown>);
  const last = objects.at(-1) as Record<string, unknown>;
  let content = '';
  let thinking = '';
  const toolCalls: unknown[] = [];
  for (const object of objects.slice(0, -1)) {
    const part = (endpoint === 'chat' ? object.message : object) as { content?: string; response?: string; thinking?: string; tool_calls?: unknown[] };
    content += part.content ?? part.response ?? '';
    thinking += part.thinking ?? '';
    toolCalls.push(...(part.tool_calls ?? []));
  }
  const extra = { ...(thinking === '' ? {} : { thinking }), ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls }) };
  const answer = endpoint === 'chat' ? { ...last, message: { role: 'assistant', content, ...extra } } : { ...last, response: content, ...extra };
  return JSON.stringify(answer);
}

export async function startOllamaSimulator(options: OllamaSimulatorOptions = {}): Promise<OllamaSimulator> {
  const models = [...(options.models ?? DEFAULT_OLLAMA_MODELS)];
  const script = new SimulatorScript<OllamaFault, OllamaScriptedReply, never, OllamaRecordedRequest>();
  const { faults, replies, requests } = script;

  function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
    res.end(text);
  }

  async function answer(res: ServerResponse, state: RequestState, body: Body, endpoint: 'chat' | 'generate'): Promise<void> {
    const model = String(body.model);
    if (!models.includes(model)) return sendJson(res, 404, { error: `model "${model}" not found, try pulling it first` });
    const fault = faults.shift();
    if (fault?.delayMs) {
      await pause(fault.delayMs, res);
      if (state.closed) return;
    }
    if (fault?.hang) return;
    if (fault?.status !== undefined) return sendJson(res, fault.status, fault.body ?? { error: 'simulated failure' }, fault.headers);
    const lastUser = endpoint === 'chat' ? [...(body.messages ?? [])].reverse().find((message) => message.role === 'user')?.content : body.prompt;
    const promptText = endpoint === 'chat' ? (body.messages ?? []).map((message) => message.content ?? '').join('') : String(body.prompt ?? '');
    const reply = replies.shift() ?? { text: `Echo: ${typeof lastUser === 'string' ? lastUser : ''}` };
    const lines = answerLines(model, reply, promptText, endpoint);
    // Ollama streams unless the request says `stream: false`.
    if (body.stream === false) return sendJson(res, 200, wholeAnswer(lines, endpoint), fault?.headers);
    res.writeHead(200, { 'content-type': 'application/x-ndjson', ...fault?.headers });
    const cutAt = fault?.cutAfterChunks === undefined ? lines.length : Math.min(fault.cutAfterChunks, lines.length - 1);
    const errorAt = fault?.errorAfterChunks;
    if (cutAt === 0) res.flushHeaders();
    for (let index = 0; index < cutAt; index++) {
      if (index === errorAt) {
        res.end(`${JSON.stringify({ error: fault?.errorMessage ?? 'simulated failure mid-stream' })}\n`);
        return;
      }
      if (fault?.chunkDelayMs && index > 0) {
        await pause(fault.chunkDelayMs, res);
        if (state.closed) return;
      }
      if (!(await writeEvent(res, state, lines[index]!))) return;
    }
    if (cutAt < lines.length) return cutConnection(res, state);
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const recorded: OllamaRecordedRequest = { method, path, headers: req.headers, body: undefined, aborted: false };
    requests.push(recorded);
    const state: RequestState = { closed: false, cutBySimulator: false };
    script.watch(res, state, recorded);
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      return;
    }
    const { body, parsed } = parseBody(raw);
    recorded.body = body;
    if (!parsed) return sendJson(res, 400, { error: 'invalid character looking for beginning of value' });
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) return sendJson(res, 401, { error: 'unauthorized' });
    const request = (body ?? {}) as Body;
    if ((path === '/api/chat' || path === '/api/generate') && method === 'POST') {
      if (typeof request.model !== 'string' || request.model === '') return sendJson(res, 400, { error: 'model is required' });
      return answer(res, state, request, path === '/api/chat' ? 'chat' : 'generate');
    }
    if (path === '/api/tags' && method === 'GET') {
      const modifiedAt = new Date(0).toISOString();
      const details = { parent_model: '', format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '3.2B', quantization_level: 'Q4_K_M' };
      return sendJson(res, 200, { models: models.map((name) => ({ name, model: name, modified_at: modifiedAt, size: 2019393189, digest: '0'.repeat(64), details })) });
    }
    if (path === '/api/show' && method === 'POST') {
      const name = String((body as { model?: unknown } | undefined)?.model ?? '');
      if (!models.includes(name)) return sendJson(res, 404, { error: `model '${name}' not found` });
      return sendJson(res, 200, { modelfile: '', parameters: '', template: '', details: {}, model_info: {}, capabilities: ['completion', 'tools'] });
    }
    if (path === '/api/version' && method === 'GET') return sendJson(res, 200, { version: SIMULATED_OLLAMA_VERSION });
    sendJson(res, 404, '404 page not found');
  }

  const { server, port } = await serveOnLoopback(handle);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    models,
    ...script.controls(server),
  };
}
