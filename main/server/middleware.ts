import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Middleware written against node:http alone, so the same function runs inside express and in the
 * lean dispatcher of the hottest client routes (see create-http-app.ts).
 */
export type Next = (error?: unknown) => void;
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void | Promise<void>;
export type ErrorMiddleware = (error: unknown, req: IncomingMessage, res: ServerResponse, next: Next) => void;

/** The path of a request without its query string. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** Sends a JSON body with plain node:http (no framework needed on the error path). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

/**
 * Runs middleware in order, like express, without its routing or request decoration: the first
 * error, thrown or passed to `next`, goes to the error handler.
 */
export function chain(steps: Middleware[], onError: ErrorMiddleware): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let index = 0;
    const fail = (error: unknown): void => onError(error, req, res, () => undefined);
    const next: Next = (error) => {
      if (error !== undefined) {
        fail(error);
        return;
      }
      const step = steps[index++];
      if (!step) return;
      try {
        const result = step(req, res, next);
        if (result instanceof Promise) result.catch(fail);
      } catch (caught) {
        fail(caught);
      }
    };
    next();
  };
}
