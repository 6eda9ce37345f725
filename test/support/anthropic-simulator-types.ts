/**
 * Public types of the Anthropic upstream simulator, apart from the server so the wire builders can
 * share them.
 */
import type { RecordedRequest } from './openai-simulator-types.js';
import type { SimulatorControls } from './simulator-script.js';

export type { RecordedRequest } from './openai-simulator-types.js';

/** Usage as a script states it; cache figures default to zero, as Anthropic reports them. */
export interface ScriptedAnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

/** One content block of a scripted answer. */
export type ScriptedBlock =
  /** Streamed as one `text_delta` per word, or as the given `chunks`. */
  | { type: 'text'; text: string; chunks?: string[] }
  /** Streamed as `thinking_delta`s per word, then one `signature_delta`. */
  | { type: 'thinking'; thinking: string; signature: string }
  /** Arrives whole in `content_block_start`, as Anthropic sends it. */
  | { type: 'redacted_thinking'; data: string }
  /** Input streamed as `input_json_delta` fragments, the first one empty as Anthropic sends it. */
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

/** What the next message gets instead of the default echo reply. */
export interface ScriptedReply {
  /** Shorthand for one text block. */
  text?: string;
  /** The answer's blocks in order (parallel tool calls are several `tool_use` blocks); overrides `text`. */
  content?: ScriptedBlock[];
  /** Defaults to `tool_use` when a tool_use block is scripted, otherwise `end_turn`. */
  stopReason?: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal' | 'model_context_window_exceeded';
  /** Reported with `stop_sequence` as the stop reason. */
  stopSequence?: string;
  /** Defaults to figures derived from the request and reply (see `countSimulatedTokens`). */
  usage?: ScriptedAnthropicUsage;
}

/**
 * A failure injected into the next message request. Faults are consulted before replies, so
 * `fail(529)` then `reply(x)` means "first attempt fails, the retry gets x" in either order.
 */
export interface Fault {
  /** Answer with this status instead of a message. */
  status?: number;
  /** Error body; a string is sent raw, anything else as JSON. Defaults to Anthropic's envelope for `status`. */
  body?: unknown;
  /** Extra response headers (e.g. `retry-after`, `anthropic-ratelimit-*`). */
  headers?: Record<string, string>;
  /** Wait before sending headers. */
  delayMs?: number;
  /** Wait between stream events. */
  chunkDelayMs?: number;
  /** Streaming: destroy the socket after this many events, before `message_stop`. Non-streaming: after half the body. */
  cutAfterEvents?: number;
  /** Accept the request and never answer, until the client goes away. */
  hang?: boolean;
  /** Streaming: after this many events send an `error` event (default `overloaded_error`) and end the body. */
  streamError?: { afterEvents: number; type?: string; message?: string };
}

export interface AnthropicSimulatorOptions {
  apiKey?: string;
  models?: string[];
  /** Keep `requests`; defaults to true. */
  record?: boolean;
}

export interface AnthropicSimulator extends SimulatorControls<Fault, ScriptedReply, AnthropicResponder, RecordedRequest> {
  /** Base URL including `/v1`: what a provider account's base URL is (the adapter appends `/messages`). */
  url: string;
  /** Scheme, host and port: what `@anthropic-ai/sdk` takes as `baseURL` (it appends `/v1/messages`). */
  origin: string;
  port: number;
  apiKey: string;
  models: string[];
}

/** The parts of a Messages request a responder reads. */
export interface AnthropicRespondedRequest {
  model: string;
  messages: unknown[];
  tools?: unknown[];
}

export type AnthropicResponder = (request: AnthropicRespondedRequest) => ScriptedReply | undefined;
