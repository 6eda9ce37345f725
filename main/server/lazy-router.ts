import type { RequestHandler } from 'express';

/**
 * A router loaded on its first request. The management API (and every module and schema behind
 * it) is not needed to route an agent's requests, so the router starts without it; the first
 * dashboard or API call loads it, once. A failed load is retried by the next request.
 */
export function lazyRouter(load: () => Promise<RequestHandler>): RequestHandler {
  let loading: Promise<RequestHandler> | undefined;
  return (req, res, next) => {
    const pending = (loading ??= load());
    pending.then(
      (handler) => handler(req, res, next),
      (error: unknown) => {
        if (loading === pending) loading = undefined;
        next(error);
      },
    );
  };
}
