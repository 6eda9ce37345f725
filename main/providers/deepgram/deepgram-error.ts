import type { IncomingMessage } from 'node:http';
import type { UpstreamHttpError } from '../../errors/gateway-error.js';
import { readUpstreamError } from '../read-upstream-error.js';
import type { UpstreamEndpoint } from '../upstream-endpoint.js';

const forwardedErrorHeaders = ['retry-after'];

/**
 * Turns a non-2xx Deepgram answer (`{"err_code", "err_msg", "request_id"}`) into an
 * UpstreamHttpError whose message is Deepgram's own, prefixed with its code: "INVALID_AUTH:
 * Invalid credentials." tells the user more than the status alone.
 * @see https://developers.deepgram.com/docs/errors
 */
export function readDeepgramError(response: IncomingMessage, endpoint: UpstreamEndpoint): Promise<UpstreamHttpError> {
  return readUpstreamError(response, endpoint, { keepHeader: (name) => forwardedErrorHeaders.includes(name), messageOf: deepgramMessage });
}

function deepgramMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { err_code: code, err_msg: message } = body as { err_code?: unknown; err_msg?: unknown };
  if (typeof message !== 'string') return undefined;
  return typeof code === 'string' && code !== '' ? `${code}: ${message}` : message;
}
