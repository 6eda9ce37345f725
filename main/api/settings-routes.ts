import { Router, type Request, type Response } from 'express';
import { settingsPatchSchema } from '../../shared/settings.js';
import { validateBody } from '../formats/decode-json.js';
import type { RouterContext } from '../server/router-context.js';

/** `/api/settings`: read, and change any subset (PUT and PATCH both take a partial document). */
export function settingsRoutes(context: RouterContext): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json(context.settings.current);
  });
  const update = async (req: Request, res: Response): Promise<void> => {
    const updated = context.settings.update(validateBody(settingsPatchSchema, req.body));
    // A changed upstream proxy rebuilds the providers' connections: answered once they follow it.
    await context.catalog.settled();
    res.json(updated);
  };
  router.put('/', update);
  router.patch('/', update);
  return router;
}
