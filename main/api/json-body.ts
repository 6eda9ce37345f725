import type { NextFunction, Request, Response } from 'express';
import { parseJsonBody } from '../formats/decode-json.js';
import { readRawBody } from '../server/read-raw-body.js';

const managementBodyLimit = 1024 * 1024;

/** Parses management API bodies (small JSON documents) into `req.body`. */
export async function jsonBody(req: Request, _res: Response, next: NextFunction): Promise<void> {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') {
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
