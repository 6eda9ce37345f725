import { Router } from 'express';
import type { RouterContext } from '../server/router-context.js';
import { usageFilterSchema, toFilter, validateQuery } from './usage-query.js';

const defaultWindowMs = 86_400_000;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
}

/**
 * `/api/telemetry/summary`: p50/p95/p99 latency (ms, request start to the end of the answer) of
 * successful requests per provider, over the last 24 hours unless `from`/`to` say otherwise; in the
 * OmniRoute API reference's shape `{providers: {name: {p50, p95, p99, count}}}`.
 */
export function telemetryRoutes(context: RouterContext): Router {
  const router = Router();
  router.get('/summary', (req, res) => {
    const query = validateQuery(usageFilterSchema, req.query);
    context.usage.flush();
    const to = query.to ?? Date.now();
    const filter = { ...toFilter(query), from: query.from ?? to - defaultWindowMs, to };
    const byProvider = new Map<string, number[]>();
    for (const row of context.store.usageQueries.latencies(filter)) {
      let list = byProvider.get(row.provider);
      if (!list) byProvider.set(row.provider, (list = []));
      list.push(row.latency_ms);
    }
    // fromEntries defines own properties, so a provider named `__proto__` stays a plain key.
    const providers = Object.fromEntries(
      [...byProvider].map(([provider, sorted]) => [provider, { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), count: sorted.length }]),
    );
    res.json({ providers, from: new Date(filter.from).toISOString(), to: new Date(to).toISOString() });
  });
  return router;
}
