/**
 * Public types of the OpenAI upstream simulator. Kept apart from the server so the wire builders
 * can share them without importing the server.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SimulatorControls } from './simulator-script.js';

/** Token usage as a script states it; omitted detail fields are sent as zero, as OpenAI does. */
export interface ScriptedUsage {
  prompt_tokens: number;
  completion_tokens: number;
  /** Defaults to prompt + completion. */
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

/** What the next chat completion gets instead of the default echo reply. */
export interface ScriptedReply {
  /** Assistant content; streamed as one delta per word (leading whitespace kept, like OpenAI tokens). */
  text?: string;
  /** Explicit content deltas; overrides splitting `text`. */
  chunks?: string[];
  /** Parallel tool calls, streamed one after another: index, id and name first, then argument fragments. */
  toolCalls?: { id: string; name: string; arguments: string }[];
  /** Sent as `reasoning_content` (DeepSeek-style), before any content. */
  reasoning?: string;
  /** Defaults to `tool_calls` when tool calls are scripted, otherwise `stop`. */
  finishReason?: 'stop' | 'length' | 'tool_calls' | 'content_filter';
  /** Defaults to figures derived from the request and reply (see `countSimulatedTokens`). */
  usage?: ScriptedUsage;
}

/**
 * A failure injected into the next chat completion. Faults sit in their own FIFO queue that is
 * consulted before the reply queue, so `fail(429)` then `reply(x)` means "first attempt fails, the
 * retry gets x" whatever order the two were queued in.
 */
export interface Fault {
  /** Answer with this status instead of a completion. */
  status?: number;
  /** Error body; a string is sent raw, anything else as JSON. Defaults to OpenAI's envelope for `status`. */
  body?: unknown;
  /** Extra response headers (e.g. `retry-after`), sent with whatever response this request gets. */
  headers?: Record<string, string>;
  /** Wait before sending headers. */
  delayMs?: number;
  /** Wait between stream events. */
  chunkDelayMs?: number;
  /** Streaming: destroy the TCP socket after this many data events, before `[DONE]`. Non-streaming: after half the body. */
  cutAfterChunks?: number;
  /** Accept the request and never answer, until the client goes away. */
  hang?: boolean;
  /** 200 whose body is not JSON; when streaming, a non-JSON event right after the role chunk. */
  malformedJson?: boolean;
  /**
   * Streaming: after this many data events, an `{"error": ...}` event with this error object, and
   * the body ends without `[DONE]`, as OpenAI's stream does when the model fails mid-answer. Chat
   * completions and the audio endpoints' event streams.
   */
  streamError?: { afterChunks: number; error: unknown };
  /**
   * The endpoint whose next request takes this fault; chat completions when omitted. `videos` is any
   * request under `/v1/videos` (create, retrieve, list, delete, remix, content); a faulted request
   * changes no job. On a content download `chunkDelayMs` and `cutAfterChunks` pace and cut its chunks.
   */
  endpoint?: 'chat' | 'embeddings' | 'images' | 'audio' | 'videos';
}

/** One request as the simulator received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /**
   * Parsed JSON body; the raw text when it was not JSON; undefined when empty. An audio form is
   * kept as its fields and file (see ReceivedAudio), or the error envelope it was refused with; a
   * videos form as its fields and `input_reference` file (see ReceivedVideoForm).
   */
  body: unknown;
  /** The client closed the connection before the simulator finished answering. */
  aborted: boolean;
}

export interface OpenAiSimulatorOptions {
  apiKey?: string;
  /** More keys the simulator accepts, for providers with several accounts. */
  extraApiKeys?: string[];
  models?: string[];
  /** Keep `requests`; the benchmark turns this off so memory stays flat. Defaults to true. */
  record?: boolean;
}

export interface OpenAiSimulator extends SimulatorControls<Fault, ScriptedReply, Responder, RecordedRequest> {
  /** Base URL including `/v1`, as the OpenAI SDK's `baseURL` expects. */
  url: string;
  port: number;
  apiKey: string;
  models: string[];
  /** Empty both queues, the recorded requests and the abort count; forget the responder and every video job; restore the echo default. */
  reset(): void;
}

/** The parts of a chat request a responder reads. */
export interface RespondedRequest {
  model: string;
  messages: unknown[];
  tools?: unknown[];
}

export type Responder = (request: RespondedRequest) => ScriptedReply | undefined;
