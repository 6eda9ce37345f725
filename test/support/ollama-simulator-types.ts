/** Public types of the Ollama upstream simulator. */
import type { IncomingHttpHeaders } from 'node:http';
import type { SimulatorControls } from './simulator-script.js';

/** What the next `/api/chat` or `/api/generate` answer says instead of the default echo. */
export interface OllamaScriptedReply {
  /** Streamed as one line per word (leading whitespace kept). */
  text?: string;
  /** Explicit content deltas; overrides splitting `text`. */
  chunks?: string[];
  /** Sent in `message.thinking` (or `thinking` on generate) before any content, one line per word. */
  thinking?: string;
  /** Tool calls, each whole in its own line (Ollama never streams arguments). */
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
  /** Defaults to `stop`. */
  doneReason?: 'stop' | 'length' | 'load' | 'unload';
  /** Default: a quarter of the prompt's characters, rounded up. */
  promptEvalCount?: number;
  /** Default: the number of content and thinking lines. */
  evalCount?: number;
}

/** A failure injected into the next answer (consulted before replies, FIFO). */
export interface OllamaFault {
  /** Answer with this status and `body` (default `{"error": "simulated failure"}`). */
  status?: number;
  /** Error body; a string is sent raw, anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait before sending headers. */
  delayMs?: number;
  /** Wait between stream lines. */
  chunkDelayMs?: number;
  /** Streaming: destroy the socket after this many lines, before the `done: true` line. */
  cutAfterChunks?: number;
  /** Streaming: after this many lines send `{"error": errorMessage}` and end the body. */
  errorAfterChunks?: number;
  errorMessage?: string;
  /** Accept the request and never answer, until the client goes away. */
  hang?: boolean;
}

export interface OllamaRecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  aborted: boolean;
}

export interface OllamaSimulatorOptions {
  models?: string[];
  /** When set, every request needs `Authorization: Bearer <apiKey>` (hosted Ollama). */
  apiKey?: string;
}

export interface OllamaSimulator extends Omit<SimulatorControls<OllamaFault, OllamaScriptedReply, never, OllamaRecordedRequest>, 'setDefault' | 'respondWith'> {
  /** Server root without `/api`, e.g. `http://127.0.0.1:PORT` (ollama-js `host`). */
  url: string;
  port: number;
  models: string[];
}
