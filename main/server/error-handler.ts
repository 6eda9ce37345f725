import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';
import { errorEncoderFor, formatForPath } from '../formats/error-encoders.js';
import type { Logger } from '../util/logger.js';
import { pathOf, sendJson, type Next } from './middleware.js';
import { locals } from './request-context.js';

/**
 * The one catch-all error middleware, registered last: every failure reaches the client in the
 * envelope of the format it speaks, with the request id. Routes never build error responses.
 */
export function errorHandler(logger: Logger) {
  return (raw: unknown, req: IncomingMessage, res: ServerResponse, _next: Next): void => {
    const error = toGatewayError(expressError(raw));
    const context = locals(res);
    const requestId = context.requestId ?? 'unknown';
    if (error.status >= 500) {
      logger.error('request failed', { requestId, path: pathOf(req), code: error.code, reason: error.message, cause: error.cause });
    }
    const encoder = errorEncoderFor(context.format ?? formatForPath(pathOf(req)));
    if (res.headersSent) {
      // Mid-answer: the status is gone, so the failure travels in-band if the stream still takes it.
      if (res.getHeader('content-type')?.toString().startsWith('text/event-stream') && !res.writableEnded) {
        res.end(encoder.streamErrorEvent(error));
      } else {
        res.destroy();
      }
      return;
    }
    const rendered = encoder.renderError(error, requestId);
    for (const [name, value] of Object.entries(rendered.headers)) res.setHeader(name, value);
    sendJson(res, rendered.status, rendered.body);
  };
}

/** Errors thrown by express or its parsers (e.g. a malformed URL) carry a 4xx `status`. */
function expressError(raw: unknown): unknown {
  if (raw instanceof GatewayError || !(raw instanceof Error)) return raw;
  const status = (raw as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new GatewayError({ code: status === 404 ? 'not_found' : 'invalid_request', status, message: raw.message });
  }
  return raw;
}
