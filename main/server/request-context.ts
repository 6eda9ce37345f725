import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ClientFormatId } from '../formats/client-format.js';
import { formatForPath } from '../formats/error-encoders.js';
import type { ApiKeyEntry } from '../gateway/api-key-index.js';

/** What the middleware chain learns about a request, kept on `res.locals`. */
export interface RequestLocals {
  requestId: string;
  format: ClientFormatId;
  /** The client's API key, when it presented a valid one. */
  apiKey?: ApiKeyEntry;
}

export function locals(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}

/** Gives every request an id (echoed as `x-request-id`, as OpenAI does) and its error format. */
export function requestContext(req: Request, res: Response, next: NextFunction): void {
  const requestId = 'req_' + randomUUID().replaceAll('-', '');
  const context = res.locals as RequestLocals;
  context.requestId = requestId;
  context.format = formatForPath(req.path);
  res.setHeader('x-request-id', requestId);
  next();
}
