import { z } from '../../shared/zod.js';
import type { RouterContext } from '../server/router-context.js';
import type { UsageFilter } from '../store/index.js';
import { notFound } from './not-found.js';
import { sumRows, toTotalsDto } from './usage-dto.js';
import { usageFilterSchema, toFilter, validateQuery } from './usage-query.js';

const defaultRangeMs = 30 * 86_400_000;

/**
 * `GET /api/usage/{connectionId}`: what one provider account (by account id) or one provider (by
 * provider id or name) answered in a range (default the last 30 days), totals and per model.
 * From the detail records, so the range reaches back as far as the retention keeps them.
 */
export function connectionUsage(context: RouterContext, connectionId: string, rawQuery: unknown) {
  const query = validateQuery(z.omit(usageFilterSchema, { provider: true }), rawQuery);
  const { store } = context;
  const account = store.accounts.get(connectionId);
  const provider = account ? store.providers.get(account.providerId) : (store.providers.get(connectionId) ?? store.providers.getByName(connectionId));
  if (!account && !provider) throw notFound('provider or provider account', connectionId);
  const to = query.to ?? Date.now();
  const from = query.from ?? to - defaultRangeMs;
  const filter: UsageFilter = { ...toFilter(query), from, to, ...(account ? { accountId: account.id } : { provider: provider!.name }) };
  const rows = store.usageQueries.totalsByModel(filter);
  return {
    connectionId,
    kind: account ? 'account' : 'provider',
    provider: provider?.name ?? null,
    accountId: account?.id ?? null,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    totals: toTotalsDto(sumRows(rows)),
    models: rows.map((row) => ({ model: row.model, ...toTotalsDto(row) })),
  };
}
