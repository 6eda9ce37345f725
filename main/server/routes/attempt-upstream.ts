import type { IncomingMessage } from 'node:http';
import type { ClientFormat } from '../../formats/client-format.js';
import { nativePaths } from '../../gateway/native-paths.js';
import type { Attempt } from '../../gateway/routing/route-plan.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { RouteCandidate } from '../../gateway/routing/route-candidate.js';
import type { ChatAdapter, UpstreamRequest } from '../../providers/provider-adapter.js';
import type { ChatRequest, GenerateResult, Usage } from '../../spec/index.js';
import type { Cancellation } from '../../util/cancellation.js';
import { awaitFirstChunk } from '../await-first-chunk.js';
import type { RouterContext } from '../router-context.js';
import { readUpstreamJson } from '../send-upstream-json.js';
import type { ChatRouteOptions, UrlRequest } from './chat-route.js';

/** An upstream that started answering, with nothing sent to the client yet. */
export interface UpstreamAnswer {
  attempt: Attempt;
  upstream: IncomingMessage;
  /** The request through the hub; undefined on passthrough. */
  canonical: ChatRequest | undefined;
  /** What the translation could not carry, for the client and the log. */
  warnings: string[];
  /** When the first byte of the answer arrived (ms epoch). */
  firstByteAt: number;
  /** Streams: the first bytes, already read (the upstream is paused after them). */
  firstChunk?: Buffer;
  /** A whole passthrough JSON answer. */
  json?: { raw: Buffer };
  /** Passthrough: events the router asked for itself, not to be relayed (see ClientFormat.streamUsage). */
  dropEvent?: (event: string) => boolean;
  /** The usage a whole passthrough answer reported. */
  usage?: Usage | undefined;
  /** A whole translated answer. */
  result?: GenerateResult;
}

/**
 * The candidate's adapter, when its family chats. A family that only transcribes and speaks
 * (Deepgram) refuses as a model that is not supported, so a combo moves on to its next target.
 */
export function chatAdapterOf(candidate: RouteCandidate): ChatAdapter {
  const { adapter, record } = candidate.provider;
  if (adapter.chat) return adapter;
  throw new GatewayError({
    code: 'invalid_request',
    status: 400,
    provider: record.name,
    param: 'model',
    message: `The model '${candidate.publicModel}' is not supported for chat: provider '${record.name}' is of the ${adapter.family} family, which transcribes and speaks audio (/v1/audio/transcriptions, /v1/audio/speech).`,
  });
}

/** What every attempt of one client request shares. */
export interface AttemptRequest {
  req: IncomingMessage;
  context: RouterContext;
  format: ClientFormat;
  options: ChatRouteOptions;
  body: Record<string, unknown>;
  url: UrlRequest | undefined;
  cancellation: Cancellation;
  stream: boolean;
}

/**
 * One attempt: encodes the request for the attempt's upstream (passthrough when it speaks the
 * client's format), sends it, and waits until the answer is safe to commit to: the first bytes of a
 * stream (within the first-token timeout), or a whole JSON answer, read and decoded.
 */
export async function attemptUpstream(
  input: AttemptRequest,
  attempt: Attempt,
  /** The decoded request, shared by the attempts that translate. */
  translation: { canonical: ChatRequest | undefined },
): Promise<UpstreamAnswer> {
  const { context, format, options, body, url, cancellation } = input;
  const { candidate } = attempt;
  const adapter = chatAdapterOf(candidate);
  const provider = candidate.provider.record.name;
  const settings = context.settings.current;
  const samePath = adapter.nativeFormat === format.id && options.passthrough !== false && !options.state?.needsTranslation(body);
  const nativePath = samePath ? (url ? url.nativePath(candidate.upstreamModel) : nativePaths[format.id]) : undefined;
  let canonical: ChatRequest | undefined;
  let request: UpstreamRequest;
  let warnings: string[] = [];
  let dropEvent: ((event: string) => boolean) | undefined;
  if (nativePath) {
    if (!url) body.model = candidate.upstreamModel;
    const withUsage = format.streamUsage?.withUsage(body);
    if (withUsage) dropEvent = format.streamUsage?.isUsageOnlyEvent;
    request = { path: nativePath, body: JSON.stringify(withUsage ?? body), headers: forwardedHeaders(input.req, format) };
  } else {
    canonical = translation.canonical ??= decode(format, options, body, url);
    const omitted = format.checkTranslatable?.(canonical, provider) ?? [];
    request = adapter.encodeRequest(canonical, candidate.upstreamModel);
    warnings = [...omitted, ...(request.warnings ?? [])];
  }
  const firstTokenMs = input.stream ? context.engine.firstTokenTimeoutMs(provider) : 0;
  const timeoutMs = firstTokenMs > 0 ? Math.min(settings.upstreamTimeoutMs, firstTokenMs) : settings.upstreamTimeoutMs;
  const upstream = await adapter.send({ endpoint: attempt.account.endpoint, request, cancellation, timeoutMs });
  // Every field set here, so every answer has one shape (the route reads them on every request).
  const answer: UpstreamAnswer = { attempt, upstream, canonical, warnings, firstByteAt: 0, firstChunk: undefined, json: undefined, dropEvent, usage: undefined, result: undefined };
  const contentType = upstream.headers['content-type'] ?? '';
  const streamed = canonical ? canonical.stream : contentType.startsWith('text/event-stream') || contentType.startsWith('application/x-ndjson');
  if (streamed) {
    const remaining = firstTokenMs > 0 ? Math.max(1, attempt.startedAt + firstTokenMs - Date.now()) : settings.streamIdleTimeoutMs;
    answer.firstChunk = await awaitFirstChunk({ upstream, timeoutMs: remaining, cancellation, provider });
    answer.firstByteAt = Date.now();
    return answer;
  }
  const { raw, parsed } = await readUpstreamJson(upstream, provider);
  answer.firstByteAt = Date.now();
  if (canonical) answer.result = adapter.decodeResult(parsed);
  else {
    answer.json = { raw };
    answer.usage = adapter.usageOfResult(parsed);
  }
  return answer;
}

function decode(format: ClientFormat, options: ChatRouteOptions, body: Record<string, unknown>, url: UrlRequest | undefined): ChatRequest {
  const canonical = format.decodeRequest(body, url && { model: url.model, stream: url.stream });
  return options.state ? options.state.expand(canonical) : canonical;
}

/** The client headers a format forwards on passthrough, when the client sent them. */
function forwardedHeaders(req: IncomingMessage, format: ClientFormat): Record<string, string> | undefined {
  if (!format.passthroughHeaders) return undefined;
  let headers: Record<string, string> | undefined;
  for (const name of format.passthroughHeaders) {
    const value = req.headers[name];
    if (typeof value === 'string') (headers ??= {})[name] = value;
  }
  return headers;
}
