import type { IncomingMessage } from 'node:http';
import { formatByteSize } from '../../shared/byte-size.js';
import { GatewayError } from '../errors/gateway-error.js';

function tooLarge(limitBytes: number): GatewayError {
  return new GatewayError({
    code: 'payload_too_large',
    status: 413,
    message: `The request body is larger than the limit of ${formatByteSize(limitBytes)} (setting maxRequestBodyMb).`,
    headers: { connection: 'close' },
  });
}

// A body can be read from the socket only once; middleware in front of a route (the response
// cache, idempotency) and the route itself share this one read, kept on the request itself (a
// WeakMap keyed by requests costs the young-generation GC an ephemeron entry per request).
const rawBody = Symbol('omniroute.rawBody');
type WithBody = IncomingMessage & { [rawBody]?: Promise<Buffer> };

/**
 * Reads a request body into one Buffer, refusing it as soon as it passes the limit. Memoized per
 * request: later calls get the first call's result (or its 413).
 */
export function readRawBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return ((request as WithBody)[rawBody] ??= readOnce(request, limitBytes));
}

function readOnce(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (declared > limitBytes) return Promise.reject(tooLarge(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) {
        request.off('data', onData);
        request.resume();
        reject(tooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    request.once('error', reject);
  });
}
