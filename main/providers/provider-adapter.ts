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
 * they know nothing of clients, routing or fallback. Most families chat (ChatAdapter); a family
 * that only transcribes and speaks is an AudioAdapter.
 */
export type ProviderAdapter = ChatAdapter | AudioAdapter;

/** What every family does: authenticate, send, list its models. */
interface UpstreamAdapter {
  readonly family: ProviderFamily;
  /** Sends an encoded (or passed-through) request; resolves with a 2xx response, unread. */
  send(call: { endpoint: UpstreamEndpoint; request: UpstreamRequest; cancellation: Cancellation; timeoutMs: number }): Promise<IncomingMessage>;
  /** Headers that authenticate an account's key with this vendor. */
  authHeaders(apiKey: string): Record<string, string>;
  /** The upstream's own model list. */
  listModels(options: { endpoint: UpstreamEndpoint; cancellation: Cancellation; timeoutMs: number }): Promise<string[]>;
}

export interface ChatAdapter extends UpstreamAdapter {
  readonly chat: true;
  /** The client format this family speaks natively: requests in it pass through untouched. */
  readonly nativeFormat: WireFormat;
  /** Encodes a canonical request for this upstream (`stream` decides the streaming variant). */
  encodeRequest(request: ChatRequest, upstreamModel: string): EncodedRequest;
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
}

/** An audio request as the client sent it (OpenAI's audio API), read from its form or JSON body. */
export interface AudioInput {
  /** The form's text fields, or the JSON body. */
  fields: Record<string, unknown>;
  /** A transcription's uploaded file. */
  file?: { bytes: Buffer; filename: string; contentType: string | undefined };
}

/** A transcript as OpenAI's API answers it, in the `response_format` the client asked for. */
export interface DecodedTranscript {
  contentType: string;
  body: string;
  usage?: Usage;
}

/** A family that transcribes and speaks but has no chat (Deepgram). */
export interface AudioAdapter extends UpstreamAdapter {
  readonly chat: false;
  /** Why this upstream cannot serve an audio request as asked (undefined when it can), so routing skips it with that reason. */
  cannotServe(endpoint: 'transcriptions' | 'translations' | 'speech', input: AudioInput): string | undefined;
  encodeTranscription(input: AudioInput, upstreamModel: string): UpstreamRequest;
  /** The upstream's whole transcript turned into OpenAI's answer; a body it cannot read is the provider's failure. */
  decodeTranscription(raw: Buffer, input: AudioInput, provider: string): DecodedTranscript;
  /** A speech request; the upstream answers with audio bytes, relayed as they come. */
  encodeSpeech(input: AudioInput, upstreamModel: string): UpstreamRequest;
}
