import { startAnthropicSimulator, type AnthropicSimulator } from '../support/anthropic-simulator.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';

/** A tool call as the matrix scripts it; `input` is what the model passes. */
export interface ScriptedCall {
  id: string;
  name: string;
  input: Record<string, unknown>;
}

/**
 * What the upstream received of a tool result, read back from its recorded request: `name` is the
 * name of the call it answers in that same request (paired by id, or by name where the family pairs
 * by name), so a result matched to the wrong call shows; `id` only for families with call ids.
 */
export interface ReceivedToolResult {
  id?: string;
  name: string;
  content: string;
}

/** An image the upstream received: its media type (undefined where the family names none: Ollama) and base64 bytes. */
export interface ReceivedImage {
  mediaType: string | undefined;
  base64: string;
}

/** The part of a recorded request the matrix reads. */
export interface SeenRequest {
  path: string;
  /** The upstream model the request named (in the body, or in the path for Gemini). */
  model: string | undefined;
  body: unknown;
}

/**
 * One upstream family's simulator behind the same handful of verbs, so every client format runs
 * the same scenarios against every family.
 */
export interface UpstreamDriver {
  readonly family: 'openai' | 'anthropic' | 'openai-responses' | 'gemini' | 'ollama';
  /** Whether the family's tool calls carry ids (Gemini's may, and are scripted without; Ollama's never). */
  readonly callIds: boolean;
  /** The path a generate call reaches upstream. */
  readonly path: RegExp;
  /** The model name the upstream knows. */
  readonly model: string;
  provider(name: string): Record<string, unknown>;
  replyText(text: string, usage: { input: number; output: number }): void;
  replyToolCalls(calls: ScriptedCall[]): void;
  /** Answers with `reasoning` in the family's own reasoning form, then `text`. */
  replyReasoning(reasoning: string, text: string): void;
  failWith(status: number, headers?: Record<string, string>): void;
  cutAfter(events: number): void;
  hang(): void;
  /** Tool results in the last request that reached the upstream. */
  lastToolResults(): ReceivedToolResult[];
  /** Inline images in the last request's messages, in order, read back from the family's own image parts. */
  lastImages(): ReceivedImage[];
  lastRequest(): SeenRequest | undefined;
  waitForAborted(): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

export async function openAiUpstream(): Promise<UpstreamDriver> {
  const sim: OpenAiSimulator = await startOpenAiSimulator({ models: ['gpt-4o-mini'] });
  return {
    family: 'openai',
    model: 'gpt-4o-mini',
    callIds: true,
    path: /^\/v1\/chat\/completions$/,
    provider: (name) => ({ name, kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey, models: sim.models }),
    replyText: (text, usage) => sim.reply({ text, usage: { prompt_tokens: usage.input, completion_tokens: usage.output } }),
    replyToolCalls: (calls) =>
      sim.reply({ toolCalls: calls.map((call) => ({ id: call.id, name: call.name, arguments: JSON.stringify(call.input) })), finishReason: 'tool_calls' }),
    replyReasoning: (reasoning, text) => sim.reply({ reasoning, text }),
    failWith: (status, headers) => sim.fail(headers ? { status, headers } : { status }),
    cutAfter: (events) => sim.fail({ cutAfterChunks: events }),
    hang: () => sim.fail({ hang: true }),
    lastToolResults() {
      type ChatMessage = { role: string; tool_call_id?: string; content: unknown; tool_calls?: { id: string; function: { name: string } }[] };
      const messages = (sim.requests.at(-1)?.body as { messages: ChatMessage[] }).messages;
      const names = new Map(messages.flatMap((message) => message.tool_calls ?? []).map((call) => [call.id, call.function.name]));
      return messages
        .filter((message) => message.role === 'tool')
        .map((message) => ({ id: message.tool_call_id ?? '', name: names.get(message.tool_call_id ?? '') ?? '', content: textOf(message.content) }));
    },
    lastImages() {
      type Part = { type?: string; image_url?: { url?: string } };
      const messages = (sim.requests.at(-1)?.body as { messages: { content: unknown }[] }).messages;
      return messages
        .flatMap((message) => (Array.isArray(message.content) ? (message.content as Part[]) : []))
        .filter((part) => part.type === 'image_url')
        .map((part) => fromDataUrl(part.image_url?.url));
    },
    lastRequest: () => seen(sim.requests.at(-1)),
    waitForAborted: () => sim.waitForAborted(1, 5000),
    reset: () => sim.reset(),
    close: () => sim.close(),
  };
}

export async function anthropicUpstream(): Promise<UpstreamDriver> {
  const sim: AnthropicSimulator = await startAnthropicSimulator({ models: ['claude-sonnet-4-6'] });
  return {
    family: 'anthropic',
    model: 'claude-sonnet-4-6',
    callIds: true,
    path: /^\/v1\/messages$/,
    provider: (name) => ({ name, kind: 'anthropic', baseUrl: sim.url, apiKey: sim.apiKey, models: sim.models }),
    replyText: (text, usage) => sim.reply({ text, usage: { input_tokens: usage.input, output_tokens: usage.output } }),
    replyToolCalls: (calls) => sim.reply({ content: calls.map((call) => ({ type: 'tool_use' as const, ...call })) }),
    replyReasoning: (reasoning, text) =>
      sim.reply({
        content: [
          { type: 'thinking', thinking: reasoning, signature: 'EqQBCkYIARgCKkBsimulatedsignature' },
          { type: 'text', text },
        ],
      }),
    failWith: (status, headers) => sim.fail(headers ? { status, headers } : { status }),
    cutAfter: (events) => sim.fail({ cutAfterEvents: events }),
    hang: () => sim.fail({ hang: true }),
    lastToolResults() {
      type Block = { type: string; id?: string; name?: string; tool_use_id?: string; content?: unknown };
      const messages = (sim.requests.at(-1)?.body as { messages: { role: string; content: string | Block[] }[] }).messages;
      const blocks = messages.flatMap((message) => (Array.isArray(message.content) ? message.content : []));
      const names = new Map(blocks.filter((block) => block.type === 'tool_use').map((block) => [block.id, block.name ?? '']));
      return blocks
        .filter((block) => block.type === 'tool_result')
        .map((block) => ({ id: block.tool_use_id ?? '', name: names.get(block.tool_use_id) ?? '', content: textOf(block.content) }));
    },
    lastImages() {
      type Block = { type?: string; source?: { type?: string; media_type?: string; data?: string } };
      const messages = (sim.requests.at(-1)?.body as { messages: { content: unknown }[] }).messages;
      return messages
        .flatMap((message) => (Array.isArray(message.content) ? (message.content as Block[]) : []))
        .filter((block) => block.type === 'image')
        .map((block) => ({ mediaType: block.source?.type === 'base64' ? block.source.media_type : `(source ${block.source?.type})`, base64: block.source?.data ?? '' }));
    },
    lastRequest: () => seen(sim.requests.at(-1)),
    waitForAborted: () => sim.waitForAborted(1, 5000),
    reset: () => sim.reset(),
    close: () => sim.close(),
  };
}

/** A recorded request whose body names its model. */
export function seen(request: { path: string; body: unknown } | undefined): SeenRequest | undefined {
  if (!request) return undefined;
  const model = (request.body as { model?: unknown } | undefined)?.model;
  return { path: request.path, model: typeof model === 'string' ? model : undefined, body: request.body };
}

export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((block: { text?: string }) => block.text ?? '').join('');
  return '';
}

/** A `data:` URL's media type and base64 payload; anything else shows as itself so a mismatch reads plainly. */
export function fromDataUrl(url: string | undefined): ReceivedImage {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url ?? '');
  return match ? { mediaType: match[1], base64: match[2] ?? '' } : { mediaType: `(not a base64 data URL: ${url?.slice(0, 40)})`, base64: '' };
}
