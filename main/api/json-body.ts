import type { NextFunction, Request, Response } from 'express';
import { parseJsonBody } from '../formats/decode-json.js';
import { readRawBody } from '../server/read-raw-body.js';

const managementBodyLimit = 1024 * 1024;

/** Content types of file uploads (a database to import), which their route streams itself. */
export const fileUploadTypes: readonly string[] = ['application/octet-stream', 'application/vnd.sqlite3', 'application/x-sqlite3'];

/** A request's media type, without parameters, in lower case; '' without a Content-Type. */
export function mediaTypeOf(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Parses management API bodies (small JSON documents) into `req.body`; file uploads are left to their route. */
export async function jsonBody(req: Request, _res: Response, next: NextFunction): Promise<void> {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE' || fileUploadTypes.includes(mediaTypeOf(req))) {
    next();
    return;
  }
  try {
    const raw = await readRawBody(req, managementBodyLimit);
    req.body = raw.length === 0 ? {} : parseJsonBody(raw);
    next();
  } catch (error) {
    next(error);
  }
}
