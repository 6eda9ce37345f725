import { Router } from 'express';
import type { Caches } from '../cache/create-caches.js';

/** `/api/cache/stats`: the response cache and idempotency figures; DELETE empties every cache. */
export function cacheRoutes(caches: Caches): Router {
  const router = Router();
  router.get('/stats', (_req, res) => {
    res.json(caches.stats());
  });
  router.delete('/stats', (_req, res) => {
    caches.clear();
    res.json(caches.stats());
  });
  return router;
}
