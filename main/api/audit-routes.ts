import { Router } from 'express';
import { z } from '../../shared/zod.js';
import type { AuditLogDto } from '../../shared/api-types.js';
import type { RouterContext } from '../server/router-context.js';
import { validateQuery } from './usage-query.js';

const querySchema = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1000)), 100),
  before: z.optional(z.coerce.number().check(z.int(), z.minimum(1))),
});

/**
 * `GET /api/compliance/audit-log`: the management audit trail, newest first (`limit`, default 100,
 * at most 1000; `before` an entry id, for the page after): who changed what through the management
 * API, and who was refused. See audit-trail.ts for what is recorded.
 */
export function auditRoutes(context: RouterContext): Router {
  const router = Router();
  router.get('/audit-log', (req, res) => {
    const query = validateQuery(querySchema, req.query);
    const entries = context.store.auditLog.list(query.limit, query.before);
    const body: AuditLogDto = {
      data: entries.map((entry) => ({ ...entry, at: new Date(entry.at).toISOString() })),
      total: context.store.auditLog.count(),
    };
    res.json(body);
  });
  return router;
}
