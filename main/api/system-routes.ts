import { Router } from 'express';
import type { AppLifecycle } from '../app-lifecycle.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { RouterContext } from '../server/router-context.js';
import { appVersion } from '../util/app-version.js';

/** The answer of `GET /api/init`: what the UI needs before it draws its first page. */
export interface InitInfo {
  version: string;
  mode: AppLifecycle['mode'];
  /** False on first run: the UI leads the user to add a provider. */
  providersConfigured: boolean;
  requireApiKey: boolean;
  /** The client API's base URL as this caller reached the router, e.g. `http://127.0.0.1:20128/v1`. */
  baseUrl: string;
}

/**
 * `/api/init`, `/api/restart`, `/api/shutdown`. Restart and shutdown answer 202 first and act once
 * the answer has left, since closing the server would otherwise cut their own response.
 */
export function systemRoutes(context: RouterContext): Router {
  const router = Router();

  router.get('/init', (req, res) => {
    const info: InitInfo = {
      version: appVersion,
      mode: context.lifecycle?.mode ?? 'headless',
      providersConfigured: context.store.providers.list().length > 0,
      requireApiKey: context.settings.current.requireApiKey,
      // The host guard has already checked this Host header against the allowed names.
      baseUrl: `http://${req.headers.host ?? '127.0.0.1'}/v1`,
    };
    res.json(info);
  });

  for (const action of ['restart', 'shutdown'] as const) {
    router.post(`/${action}`, (_req, res) => {
      const lifecycle = context.lifecycle;
      if (!lifecycle) throw new GatewayError({ code: 'unavailable', status: 501, message: `Nothing hosts this router, so it cannot ${action} itself.` });
      context.logger.info(`${action} requested through the management API`, { requestId: res.getHeader('x-request-id') });
      res.once('finish', () => {
        // The host logs and reports its own failures (error state, exit code); nothing to answer here.
        setImmediate(() => void lifecycle[action]().catch(() => undefined));
      });
      res.status(202).json({ ok: true, action });
    });
  }

  return router;
}
