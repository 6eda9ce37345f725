import { Router, type Request, type Response } from 'express';
import { ipFilterSettingSchema } from '../../shared/ip-filter.js';
import { z } from '../../shared/zod.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';

/**
 * `/api/settings/ip-filter`: the `ipFilter` setting on its own (GET, and PUT or PATCH with any of
 * its fields). It applies to the next request, whatever connection it comes on.
 */
export function ipFilterRoutes(context: RouterContext): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json(context.settings.current.ipFilter);
  });
  const update = (req: Request, res: Response): void => {
    const patch = validateBody(z.partial(ipFilterSettingSchema), req.body);
    const next = validateBody(ipFilterSettingSchema, { ...context.settings.current.ipFilter, ...patch });
    context.settings.update({ ipFilter: next });
    res.json(context.settings.current.ipFilter);
  };
  router.put('/', update);
  router.patch('/', update);
  return router;
}
