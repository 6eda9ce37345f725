import type { IncomingMessage } from 'node:http';
import type { ProviderFamily } from '../../shared/api-types.js';
import type { ChatRequest, GenerateResult, StreamPart, Usage, WireFormat } from '../spec/index.js';
import type { Cancellation } from '../util/cancellation.js';
import type { UpstreamEndpoint } from './upstream-endpoint.js';
import type { StreamUsageSniffer } from './stream-usage-sniffer.js';

/** A request in the upstream's own format, ready to send. */
export interface UpstreamRequest {
  /** Path after the endpoint's base path, e.g. `/chat/completions` or `/messages`. */
  path: string;
  /**
   * JSON text (node:http writes a string together with the request head, without a Buffer copy),
   * or the bytes of another kind of body, whose Content-Type is then in `headers`.
   */
  body: string | Buffer;
  /** Extra request headers (client headers forwarded on passthrough). */
  headers?: Record<string, string>;
  /**
   * What the encoder could not send as asked (a setting the upstream rejects, a required field it
   * had to default): never silent, reported to the client and the log.
   */
  warnings?: string[];
}

/** What an adapter encodes from a canonical request: always JSON text. */
export interface EncodedRequest extends UpstreamRequest {
  body: string;
}

/** Turns one upstream response stream into canonical parts, for one response. */
export interface StreamDecoder {
  /** Feeds raw bytes of the upstream body (any framing: SSE, NDJSON); returns the parts they complete. */
  push(chunk: Buffer): StreamPart[];
  /**
   * The body ended. Closes open blocks and emits `finish` exactly once; an upstream that ended
   * without saying it finished yields an `error` part instead.
   */
  end(): StreamPart[];
}

/**
 * An upstream family. Adapters speak HTTP to the vendor and turn its failures into GatewayErrors;
 * they know nothing of clients, routing or fallback.
 */
export interface ProviderAdapter {
  readonly family: ProviderFamily;
  /** The client format this family speaks natively: requests in it pass through untouched. */
  readonly nativeFormat: WireFormat;
  /** Encodes a canonical request for this upstream (`stream` decides the streaming variant). */
  encodeRequest(request: ChatRequest, upstreamModel: string): EncodedRequest;
  /** Sends an encoded (or passed-through) request; resolves with a 2xx response, unread. */
  send(call: { endpoint: UpstreamEndpoint; request: UpstreamRequest; cancellation: Cancellation; timeoutMs: number }): Promise<IncomingMessage>;
  /** Decodes a whole (non-streamed) answer body. */
  decodeResult(body: unknown): GenerateResult;
  /**
   * Only the usage of a whole answer, for passthrough, where the answer goes to the client as it
   * is: reads and checks just the usage object, a fraction of what decoding everything costs.
   */
  usageOfResult(body: unknown): Usage | undefined;
  /** Reads the usage of a passed-through stream without decoding it (see stream-usage-sniffer.ts). */
  sniffStreamUsage(): StreamUsageSniffer;
  createStreamDecoder(): StreamDecoder;
  /** Headers that authenticate an account's key with this vendor. */
  authHeaders(apiKey: string): Record<string, string>;
  /** The upstream's own model list. */
  listModels(options: { endpoint: UpstreamEndpoint; cancellation: Cancellation; timeoutMs: number }): Promise<string[]>;
}
