import { Router } from 'express';
import type { RouterContext } from '../server/router-context.js';
import { toHistoryPointDto, toTotalsDto, toUsageLogDto, sumRows } from './usage-dto.js';
import { budgetRoutes } from './budget-routes.js';
import { requestLogRoutes } from './request-log-routes.js';
import { connectionUsage } from './connection-usage.js';
import { bucketOf } from '../store/usage-rollup.js';
import { decodeCursor, encodeCursor, toFilter, usageHistoryQuerySchema, usageLogsQuerySchema, validateQuery } from './usage-query.js';

/**
 * `/api/usage`: roll-ups for charts, the per-request log, captured request bodies, budgets and
 * per-connection summaries. Reads flush the usage recorder first, so what was just recorded shows.
 */
export function usageRoutes(context: RouterContext): Router {
  const router = Router();
  const { store } = context;

  router.get('/history', (req, res) => {
    const query = validateQuery(usageHistoryQuerySchema, req.query);
    context.usage.flush();
    const filter = toFilter(query);
    // A range starting mid-bucket still includes that bucket.
    if (filter.from !== undefined) filter.from = bucketOf(filter.from, query.granularity);
    const rows = store.usageQueries.rollups(query.granularity, filter);
    res.json({ granularity: query.granularity, data: rows.map(toHistoryPointDto), totals: toTotalsDto(sumRows(rows)) });
  });

  router.get('/logs', (req, res) => {
    const query = validateQuery(usageLogsQuerySchema, req.query);
    context.usage.flush();
    const filter = { ...toFilter(query), ...(query.status === undefined ? {} : { status: query.status }) };
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    // One more than asked tells whether there is a next page without a second query.
    const rows = store.usageQueries.records(filter, { limit: query.limit + 1, ...(query.offset === undefined ? {} : { offset: query.offset }), ...(cursor ? { cursor } : {}) });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    res.json({
      data: page.map(toUsageLogDto),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ startedAt: last.started_at, id: last.id }) : null,
      total: store.usageQueries.count(filter),
    });
  });

  router.use('/request-logs', requestLogRoutes(context));
  router.use('/budget', budgetRoutes(context));

  router.get('/:connectionId', (req, res) => {
    context.usage.flush();
    res.json(connectionUsage(context, String(req.params.connectionId), req.query));
  });

  return router;
}
