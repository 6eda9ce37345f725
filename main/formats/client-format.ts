import type { GatewayError } from '../errors/gateway-error.js';
import type { ChatRequest, GenerateResult, StreamPart, WireFormat } from '../spec/index.js';
import type { RequestPolicies } from './request-policies.js';

/** Client wire formats (each a folder under main/formats/), plus the management API's envelope. */
export type ClientFormatId = WireFormat | 'management';

export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** How one client format shows failures to its clients. */
export interface ErrorEncoder {
  /** A whole error response, sent before any byte of an answer. */
  renderError(error: GatewayError, requestId: string): RenderedError;
  /**
   * One stream event that tells a client mid-stream that the answer failed. On passthrough,
   * `previousEvent` is the last event the client received, for formats that number their events.
   */
  streamErrorEvent(error: GatewayError, previousEvent?: string): string;
}

/** What an encoder needs to know about the request it answers. */
export interface EncodeContext {
  /** The model as the client asked for it; answers report this name, as the client expects. */
  model: string;
  requestId: string;
  /** The decoded request, for choices it implies (e.g. OpenAI's `stream_options.include_usage`). */
  request: ChatRequest;
}

/** Turns canonical stream parts into one client format's stream, for one response. */
export interface StreamEncoder {
  /** `text/event-stream; charset=utf-8`, or `application/x-ndjson` for Ollama. */
  readonly contentType: string;
  /** The text to write for a part; '' when the part has no counterpart in this format. */
  encode(part: StreamPart): string;
  /** The text that closes a stream that finished normally (e.g. `data: [DONE]`); may be ''. */
  end(): string;
}

/**
 * A client wire format: how its requests decode to the canonical hub and how canonical answers,
 * streams and errors encode back. One folder per format under main/formats/.
 */
export interface ClientFormat {
  readonly id: WireFormat;
  readonly errors: ErrorEncoder;
  /**
   * Validates a request body and decodes it. Throws a GatewayError (400, with `param`) that this
   * format's error envelope renders. `overrides` carries what the URL says (Gemini puts the model
   * and streaming in the path).
   */
  decodeRequest(body: unknown, overrides?: { model?: string; stream?: boolean }): ChatRequest;
  /**
   * Before translating to another family: throws a 400 naming what the conversation relies on
   * that cannot be translated, and returns a warning for each offered tool the upstream will not
   * get (see main/formats/untranslatable.ts). Passthrough skips it: the upstream speaks the format.
   */
  checkTranslatable?(request: ChatRequest, upstream: string): string[];
  /**
   * Applies the user's request policies (global system prompt, thinking budget) to the client's
   * body, in this format, before any attempt: passthrough and translation both carry them.
   * Returns one note per change, or per policy that could not be applied and why.
   */
  applyRequestPolicies?(body: Record<string, unknown>, policies: RequestPolicies): string[];
  /** Client request headers forwarded on passthrough (e.g. `anthropic-beta`), lower case. */
  readonly passthroughHeaders?: readonly string[];
  /**
   * For formats whose streams report usage only when asked (OpenAI's `stream_options`): on
   * passthrough the router asks for it when the client did not, to count tokens, and leaves the
   * usage-only event out of what the client receives, so the client gets the stream it asked for.
   */
  readonly streamUsage?: StreamUsageRequest;
  /** The whole answer as this format's JSON body. */
  encodeResult(result: GenerateResult, context: EncodeContext): unknown;
  createStreamEncoder(context: EncodeContext): StreamEncoder;
}

export interface StreamUsageRequest {
  /** The body to send upstream with usage requested, or undefined when the client asked for it (or does not stream). */
  withUsage(body: Record<string, unknown>): Record<string, unknown> | undefined;
  /** Whether one SSE event is the usage-only event the router asked for. */
  isUsageOnlyEvent(event: string): boolean;
}

/** Conversation state the router keeps for a format (the Responses API's stored responses). */
export interface ConversationState {
  /** The body refers to state only OmniRoute holds, so it is translated even for a same-format upstream. */
  needsTranslation(body: Record<string, unknown>): boolean;
  /** Puts the earlier turns the request refers to back into it. */
  expand(request: ChatRequest): ChatRequest;
  /** Keeps an answered request for later turns. */
  record(request: ChatRequest, content: GenerateResult['content'], requestId: string): void;
}
