import type { GatewayError } from '../errors/gateway-error.js';
import type { ChatRequest, GenerateResult, StreamPart, WireFormat } from '../spec/index.js';

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
  /** One stream event that tells a client mid-stream that the answer failed. */
  streamErrorEvent(error: GatewayError): string;
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
   * Before translating to another family: throws a 400 naming what the request uses that cannot
   * be translated (e.g. Anthropic server tools). Passthrough skips it, since the upstream speaks
   * the same format.
   */
  assertTranslatable?(request: ChatRequest, upstream: string): void;
  /** Client request headers forwarded on passthrough (e.g. `anthropic-beta`), lower case. */
  readonly passthroughHeaders?: readonly string[];
  /** The whole answer as this format's JSON body. */
  encodeResult(result: GenerateResult, context: EncodeContext): unknown;
  createStreamEncoder(context: EncodeContext): StreamEncoder;
}
