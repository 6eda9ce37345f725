/** Public types of the Gemini upstream simulator. */
import type { IncomingHttpHeaders } from 'node:http';
import type { SimulatorControls } from './simulator-script.js';

export interface ScriptedFunctionCall {
  name: string;
  args: Record<string, unknown>;
  /** Newer Gemini models may give calls an id; most send none. */
  id?: string;
  thoughtSignature?: string;
}

export interface ScriptedUsage {
  promptTokenCount: number;
  candidatesTokenCount?: number;
  totalTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
}

/** What the next generateContent call gets instead of the default echo reply. */
export interface ScriptedReply {
  /** A thought summary (`thought: true`), sent before the answer. */
  thought?: string;
  /** The thought's signature, on its last part. */
  thoughtSignature?: string;
  /** Answer text; streamed as one chunk per word (leading whitespace kept). */
  text?: string;
  /** Signature on the last text part (Gemini signs the last part of a turn without calls). */
  textSignature?: string;
  /** Function calls, parallel ones in the same chunk, as Gemini streams them. */
  functionCalls?: ScriptedFunctionCall[];
  /** Defaults to `STOP` (Gemini says STOP for function calls too). */
  finishReason?: string;
  /** Defaults to figures counted in words from the request and reply. */
  usageMetadata?: ScriptedUsage;
}

/**
 * Computes the reply to a generateContent body when no scripted reply is queued (undefined: the
 * default echo), so multi-turn clients get answers that depend on what they sent.
 */
export type GeminiResponder = (body: Record<string, unknown>) => ScriptedReply | undefined;

/** A failure injected into the next generateContent call; faults are consulted before replies. */
export interface Fault {
  status?: number;
  /** Error body; a string is sent raw. Defaults to Google's envelope for `status`. */
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  chunkDelayMs?: number;
  /** Streaming: destroy the socket after this many chunks, before the last one. */
  cutAfterChunks?: number;
  /** Streaming: after this many chunks, send an `{error}` chunk and end. */
  errorAfterChunks?: number;
  hang?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  aborted: boolean;
}

export interface GeminiSimulatorOptions {
  apiKey?: string;
  models?: string[];
}

export interface GeminiSimulator extends Omit<SimulatorControls<Fault, ScriptedReply, GeminiResponder, RecordedRequest>, 'setDefault'> {
  /** Base URL including `/v1beta`. */
  url: string;
  port: number;
  apiKey: string;
  models: string[];
}
