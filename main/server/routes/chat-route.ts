import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { invalidRequest, shuttingDown } from '../../errors/gateway-error.js';
import type { ClientFormat, ConversationState, EncodeContext, StreamEncoder } from '../../formats/client-format.js';
import { parseJsonBody, validateBody } from '../../formats/decode-json.js';
import { nativePaths } from '../../gateway/native-paths.js';
import { resolveTarget } from '../../gateway/resolve-target.js';
import { UpstreamCallAborted } from '../../providers/call-upstream.js';
import type { UpstreamRequest } from '../../providers/provider-adapter.js';
import type { ChatRequest } from '../../spec/index.js';
import { ContentCollector } from '../../gateway/content-collector.js';
import type { Cancellation } from '../../util/cancellation.js';
import { cancelOnClose } from '../cancel-on-close.js';
import { sendJson, type Next } from '../middleware.js';
import { readRawBody } from '../read-raw-body.js';
import { relayStream } from '../relay-stream.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';
import { readUpstreamJson, sendUpstreamJson } from '../send-upstream-json.js';
import { lastLineBoundary, passthroughEvents, translateEvents } from '../stream-transforms.js';

const megabyte = 1024 * 1024;

export interface ChatRouteOptions {
  /** The client format, loaded on the route's first request. */
  loadFormat: () => Promise<ClientFormat>;
  /**
   * What routing needs from a body, checked cheaply: the passthrough path leaves everything else
   * to the upstream, which speaks the same format and answers in it.
   */
  routingSchema: z.ZodType<{ model?: string }>;
  /** False for formats no upstream takes as they are (Ollama's generate). */
  passthrough?: boolean;
  state?: ConversationState;
  /** For formats that name the model and streaming in the URL (Gemini). */
  fromUrl?: (req: IncomingMessage) => UrlRequest | Promise<UrlRequest>;
}

export interface UrlRequest {
  model: string;
  stream: boolean;
  /** An encoder other than the format's default (Gemini's JSON-array stream). */
  encoder?: (context: EncodeContext) => StreamEncoder;
  /** The upstream path for passthrough, or undefined when this request cannot pass through. */
  nativePath: (upstreamModel: string) => string | undefined;
}

/**
 * A chat endpoint of one client format. When the routed upstream speaks that format natively, the
 * body passes through unchanged but for `model` and the answer comes back byte for byte;
 * otherwise the request goes through the canonical hub: decode, encode for the upstream, and
 * translate the answer (JSON or stream) back.
 */
export function chatRoute(context: RouterContext, options: ChatRouteOptions) {
  let loaded: ClientFormat | undefined;
  return async (req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> => {
    let cancellation: Cancellation | undefined;
    try {
      const format = loaded ?? (loaded = await options.loadFormat());
      const settings = context.settings.current;
      const body = parseJsonBody(await readRawBody(req, settings.maxRequestBodyMb * megabyte)) as Record<string, unknown>;
      const url = options.fromUrl && (await options.fromUrl(req));
      const bodyModel = validateBody(options.routingSchema, body).model;
      const model = url?.model ?? bodyModel;
      if (!model) throw invalidRequest('model is required', 'model');
      const target = resolveTarget(context.catalog, model, locals(res).apiKey);
      const adapter = target.provider.adapter;
      const samePath = adapter.nativeFormat === format.id && options.passthrough !== false && !options.state?.needsTranslation(body);
      const nativePath = samePath ? (url ? url.nativePath(target.upstreamModel) : nativePaths[format.id]) : undefined;
      let canonical: ChatRequest | undefined;
      let request: UpstreamRequest;
      if (nativePath) {
        if (!url) body.model = target.upstreamModel;
        request = { path: nativePath, body: Buffer.from(JSON.stringify(body)), headers: forwardedHeaders(req, format) };
      } else {
        canonical = format.decodeRequest(body, url && { model: url.model, stream: url.stream });
        if (options.state) canonical = options.state.expand(canonical);
        const omitted = format.checkTranslatable?.(canonical, target.provider.record.name) ?? [];
        request = adapter.encodeRequest(canonical, target.upstreamModel);
        const warnings = [...omitted, ...(request.warnings ?? [])];
        if (warnings.length > 0) reportWarnings(res, context, warnings);
      }
      cancellation = cancelOnClose(res, context.inFlight);
      const upstream = await adapter.send({ endpoint: target.account.endpoint, request, cancellation, timeoutMs: settings.upstreamTimeoutMs });
      res.setHeader('x-omniroute-provider', target.provider.record.name);
      res.setHeader('x-omniroute-model', target.publicModel);
      const provider = target.provider.record.name;
      const relay = { upstream, response: res, cancellation, idleTimeoutMs: settings.streamIdleTimeoutMs, provider };
      if (!canonical) {
        const contentType = upstream.headers['content-type'] ?? '';
        if (contentType.startsWith('text/event-stream')) {
          await relayStream({ ...relay, contentType: 'text/event-stream; charset=utf-8', transform: passthroughEvents(format.errors) });
        } else if (contentType.startsWith('application/x-ndjson')) {
          await relayStream({ ...relay, contentType: 'application/x-ndjson', transform: passthroughEvents(format.errors, lastLineBoundary) });
        } else {
          await sendUpstreamJson(upstream, res, provider);
        }
        return;
      }
      const requestId = locals(res).requestId;
      const encodeContext: EncodeContext = { model, requestId, request: canonical };
      const { state } = options;
      if (canonical.stream) {
        const encoder = url?.encoder?.(encodeContext) ?? format.createStreamEncoder(encodeContext);
        const collector = state ? new ContentCollector() : undefined;
        const outcome = await relayStream({
          ...relay,
          contentType: encoder.contentType,
          transform: translateEvents(adapter.createStreamDecoder(), encoder, collector && ((part) => collector.push(part))),
        });
        if (state && collector && outcome === 'complete') state.record(canonical, collector.result(), requestId);
      } else {
        const { parsed } = await readUpstreamJson(upstream, provider);
        const result = adapter.decodeResult(parsed);
        sendJson(res, 200, format.encodeResult(result, encodeContext));
        state?.record(canonical, result.content, requestId);
      }
    } catch (error) {
      if (error instanceof UpstreamCallAborted) {
        // The client is gone and there is nobody to tell; but at shutdown it is still listening.
        if (cancellation?.reason === 'shutdown') next(shuttingDown());
        return;
      }
      next(error);
    }
  };
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

/** Omissions are never silent: logged, and named in a response header the client can read. */
function reportWarnings(res: ServerResponse, context: RouterContext, warnings: string[]): void {
  context.logger.warn('request translated with omissions', { requestId: locals(res).requestId, warnings });
  res.setHeader('x-omniroute-warnings', warnings.join('; ').replace(/[^\x20-\x7e]/g, '?').slice(0, 2000));
}
