import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientFormatId } from '../formats/client-format.js';
import { formatForPath } from '../formats/error-encoders.js';
import type { ApiKeyEntry } from '../gateway/api-key-index.js';
import { randomHex128 } from '../util/random-hex.js';
import { pathOf, type Next } from './middleware.js';

/** What the middleware chain learns about a request, kept on `res.locals` (express's name for it). */
export interface RequestLocals {
  requestId: string;
  format: ClientFormatId;
  /** The client's API key, when it presented a valid one. */
  apiKey?: ApiKeyEntry;
  /** Set on `/v1/providers/{provider}/...`: the request may only go to this provider. */
  pinnedProvider?: string;
}

export function locals(res: ServerResponse): RequestLocals {
  const holder = res as ServerResponse & { locals?: RequestLocals };
  return (holder.locals ??= {} as RequestLocals);
}

/** Gives every request an id (echoed as `x-request-id`, as OpenAI does) and its error format. */
export function requestContext(req: IncomingMessage, res: ServerResponse, next: Next): void {
  const requestId = 'req_' + randomHex128();
  const context = locals(res);
  context.requestId = requestId;
  context.format = formatForPath(pathOf(req));
  res.setHeader('x-request-id', requestId);
  next();
}
