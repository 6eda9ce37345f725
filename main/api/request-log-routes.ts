import { Router } from 'express';
import { z } from '../../shared/zod.js';
import type { RequestLogRecord } from '../store/index.js';
import type { RouterContext } from '../server/router-context.js';
import { notFound } from './not-found.js';
import { validateQuery } from './usage-query.js';

const listQuerySchema = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  offset: z._default(z.coerce.number().check(z.int(), z.minimum(0)), 0),
});

function toDto(record: RequestLogRecord) {
  return { ...record, createdAt: new Date(record.createdAt).toISOString() };
}

/**
 * `/api/usage/request-logs`: captured request and response bodies (only while `requestLogs.enabled`),
 * already redacted and capped when stored, newest first; `/{requestId}` for one.
 */
export function requestLogRoutes(context: RouterContext): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const query = validateQuery(listQuerySchema, req.query);
    context.requestLogs.flush();
    const records = context.store.requestLogs.list({ limit: query.limit, offset: query.offset });
    res.json({ enabled: context.requestLogs.enabled, data: records.map(toDto), total: context.store.requestLogs.count() });
  });

  router.get('/:requestId', (req, res) => {
    context.requestLogs.flush();
    const requestId = String(req.params.requestId);
    const record = context.store.requestLogs.get(requestId);
    if (!record) throw notFound('request log', requestId);
    res.json(toDto(record));
  });

  return router;
}
