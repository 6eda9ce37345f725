import type { NextFunction, Request, Response } from 'express';
import { parseJsonBody } from '../formats/decode-json.js';
import { readRawBody } from '../server/read-raw-body.js';

const managementBodyLimit = 1024 * 1024;

/** Content types of file uploads (a database to import), which their route streams itself. */
export const fileUploadTypes: readonly string[] = ['application/octet-stream', 'application/vnd.sqlite3', 'application/x-sqlite3'];

/** Parses management API bodies (small JSON documents) into `req.body`; file uploads are left to their route. */
export async function jsonBody(req: Request, _res: Response, next: NextFunction): Promise<void> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE' || fileUploadTypes.includes(type)) {
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
