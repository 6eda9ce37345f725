import type { Database } from './database.js';
import type { RollupGranularity, RollupRow, UsageSums } from './usage-rollup.js';
import type { UsageRecordRow } from './usage-records-repo.js';

/** Which usage to read; every field narrows, absent fields do not. Times are ms epoch, `to` exclusive. */
export interface UsageFilter {
  from?: number;
  to?: number;
  provider?: string;
  /** `provider/model` as answered, or the model as requested (alias, combo). */
  model?: string;
  apiKeyId?: string;
  accountId?: string;
  /** An HTTP status, or every failure (`error`, status >= 400) or success (`success`). */
  status?: number | 'error' | 'success';
}

/** Where a page of detail starts: after the record at (startedAt, id), newest first. */
export interface UsageCursor {
  startedAt: number;
  id: number;
}

/** Per-model sums over detail records. */
export interface ModelTotalsRow extends UsageSums {
  model: string | null;
}

interface Where {
  sql: string;
  params: Record<string, string | number>;
}

/** Collects SQL conditions with their bound parameters; only fixed clauses, never caller text. */
class WhereBuilder {
  readonly clauses: string[] = [];
  readonly params: Record<string, string | number> = {};

  add(clause: string, name?: string, value?: string | number): void {
    if (name !== undefined && value === undefined) return;
    this.clauses.push(clause);
    if (name !== undefined && value !== undefined) this.params[name] = value;
  }

  build(): Where {
    return { sql: this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '', params: this.params };
  }
}

function recordsWhere(filter: UsageFilter, cursor?: UsageCursor): Where {
  const where = new WhereBuilder();
  where.add('started_at >= @from', 'from', filter.from);
  where.add('started_at < @to', 'to', filter.to);
  where.add('provider = @provider', 'provider', filter.provider);
  where.add('(model = @model OR requested_model = @model)', 'model', filter.model);
  where.add('api_key_id = @apiKeyId', 'apiKeyId', filter.apiKeyId);
  where.add('account_id = @accountId', 'accountId', filter.accountId);
  if (filter.status === 'error') where.add('status >= 400');
  else if (filter.status === 'success') where.add('status < 400');
  else where.add('status = @status', 'status', filter.status);
  if (cursor) {
    where.add('(started_at < @cursorAt OR (started_at = @cursorAt AND id < @cursorId))', 'cursorAt', cursor.startedAt);
    where.params.cursorId = cursor.id;
  }
  return where.build();
}

function rollupWhere(filter: UsageFilter): Where {
  const where = new WhereBuilder();
  where.add('bucket >= @from', 'from', filter.from);
  where.add('bucket < @to', 'to', filter.to);
  where.add('provider = @provider', 'provider', filter.provider);
  where.add('model = @model', 'model', filter.model);
  where.add('api_key_id = @apiKeyId', 'apiKeyId', filter.apiKeyId);
  return where.build();
}

const sums = `COUNT(*) AS requests, SUM(status >= 400) AS errors, TOTAL(input_tokens) AS input_tokens,
  TOTAL(output_tokens) AS output_tokens, TOTAL(cached_input_tokens) AS cached_input_tokens,
  TOTAL(cache_write_input_tokens) AS cache_write_input_tokens, TOTAL(reasoning_tokens) AS reasoning_tokens,
  TOTAL(cost) AS cost, TOTAL(latency_ms) AS latency_ms_sum`;

/**
 * Read-side queries over usage for the management API. Filters are composed from fixed clauses with
 * bound parameters; statements are prepared per call (the API is not on the request path).
 */
export class UsageQueries {
  constructor(private readonly database: Database) {}

  /** Detail records, newest first. */
  records(filter: UsageFilter, page: { limit: number; offset?: number; cursor?: UsageCursor }): UsageRecordRow[] {
    const where = recordsWhere(filter, page.cursor);
    const sql = `SELECT * FROM usage_records ${where.sql} ORDER BY started_at DESC, id DESC LIMIT @limit OFFSET @offset`;
    return this.database.prepare<Record<string, string | number>, UsageRecordRow>(sql).all({ ...where.params, limit: page.limit, offset: page.offset ?? 0 });
  }

  count(filter: UsageFilter): number {
    const where = recordsWhere(filter);
    return this.database.prepare<Record<string, string | number>, number>(`SELECT COUNT(*) FROM usage_records ${where.sql}`).pluck().get(where.params) ?? 0;
  }

  /** Roll-up rows, oldest bucket first. */
  rollups(granularity: RollupGranularity, filter: UsageFilter): RollupRow[] {
    const where = rollupWhere(filter);
    const table = granularity === 'hour' ? 'usage_hourly' : 'usage_daily';
    const sql = `SELECT * FROM ${table} ${where.sql} ORDER BY bucket, provider, model, api_key_id`;
    return this.database.prepare<Record<string, string | number>, RollupRow>(sql).all(where.params);
  }

  /** Detail records summed per answering model. */
  totalsByModel(filter: UsageFilter): ModelTotalsRow[] {
    const where = recordsWhere(filter);
    const sql = `SELECT model, ${sums} FROM usage_records ${where.sql} GROUP BY model ORDER BY cost DESC, requests DESC`;
    return this.database.prepare<Record<string, string | number>, ModelTotalsRow>(sql).all(where.params);
  }

  /** Latencies of successful requests per provider, for percentiles. */
  latencies(filter: UsageFilter): { provider: string; latency_ms: number }[] {
    const where = recordsWhere({ ...filter, status: 'success' });
    const sql = `SELECT provider, latency_ms FROM usage_records ${where.sql} AND provider IS NOT NULL ORDER BY provider, latency_ms`;
    return this.database.prepare<Record<string, string | number>, { provider: string; latency_ms: number }>(sql).all(where.params);
  }
}
