import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { shuttingDown } from '../../errors/gateway-error.js';
import type { ClientFormat, EncodeContext } from '../../formats/client-format.js';
import { parseJsonBody, validateBody } from '../../formats/decode-json.js';
import { nativePaths } from '../../gateway/native-paths.js';
import { resolveTarget } from '../../gateway/resolve-target.js';
import { UpstreamCallAborted } from '../../providers/call-upstream.js';
import type { UpstreamRequest } from '../../providers/provider-adapter.js';
import type { ChatRequest } from '../../spec/index.js';
import type { Cancellation } from '../../util/cancellation.js';
import { cancelOnClose } from '../cancel-on-close.js';
import { sendJson, type Next } from '../middleware.js';
import { readRawBody } from '../read-raw-body.js';
import { relayStream } from '../relay-stream.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';
import { readUpstreamJson, sendUpstreamJson } from '../send-upstream-json.js';
import { passthroughEvents, translateEvents } from '../stream-transforms.js';

const megabyte = 1024 * 1024;

export interface ChatRouteOptions {
  format: ClientFormat;
  /**
   * What routing needs from a body, checked cheaply: the passthrough path leaves everything else
   * to the upstream, which speaks the same format and answers in it.
   */
  routingSchema: z.ZodType<{ model: string }>;
}

/**
 * A chat endpoint of one client format. When the routed upstream speaks that format natively, the
 * body passes through unchanged but for `model` and the answer comes back byte for byte;
 * otherwise the request goes through the canonical hub: decode, encode for the upstream, and
 * translate the answer (JSON or stream) back.
 */
export function chatRoute(context: RouterContext, options: ChatRouteOptions) {
  const { format } = options;
  return async (req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> => {
    let cancellation: Cancellation | undefined;
    try {
      const settings = context.settings.current;
      const body = parseJsonBody(await readRawBody(req, settings.maxRequestBodyMb * megabyte)) as Record<string, unknown>;
      const { model } = validateBody(options.routingSchema, body);
      const target = resolveTarget(context.catalog, model, locals(res).apiKey);
      const adapter = target.provider.adapter;
      const nativePath = adapter.nativeFormat === format.id ? nativePaths[format.id] : undefined;
      let canonical: ChatRequest | undefined;
      let request: UpstreamRequest;
      if (nativePath) {
        body.model = target.upstreamModel;
        request = { path: nativePath, body: Buffer.from(JSON.stringify(body)), headers: forwardedHeaders(req, format) };
      } else {
        canonical = format.decodeRequest(body);
        format.assertTranslatable?.(canonical, target.provider.record.name);
        request = adapter.encodeRequest(canonical, target.upstreamModel);
      }
      cancellation = cancelOnClose(res, context.inFlight);
      const upstream = await adapter.send({ endpoint: target.account.endpoint, request, cancellation, timeoutMs: settings.upstreamTimeoutMs });
      res.setHeader('x-omniroute-provider', target.provider.record.name);
      res.setHeader('x-omniroute-model', target.publicModel);
      const provider = target.provider.record.name;
      const relay = { upstream, response: res, cancellation, idleTimeoutMs: settings.streamIdleTimeoutMs, provider };
      if (!canonical) {
        if (upstream.headers['content-type']?.startsWith('text/event-stream')) {
          await relayStream({ ...relay, contentType: 'text/event-stream; charset=utf-8', transform: passthroughEvents(format.errors) });
        } else {
          await sendUpstreamJson(upstream, res, provider);
        }
        return;
      }
      const encodeContext: EncodeContext = { model, requestId: locals(res).requestId, request: canonical };
      if (canonical.stream) {
        const encoder = format.createStreamEncoder(encodeContext);
        await relayStream({ ...relay, contentType: encoder.contentType, transform: translateEvents(adapter.createStreamDecoder(), encoder) });
      } else {
        const { parsed } = await readUpstreamJson(upstream, provider);
        sendJson(res, 200, format.encodeResult(adapter.decodeResult(parsed), encodeContext));
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
