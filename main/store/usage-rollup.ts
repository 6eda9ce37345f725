import type { UsageRecord } from '../usage/usage-entry.js';

/** Roll-up granularity: one row per UTC hour or UTC day (and provider, model, API key). */
export type RollupGranularity = 'hour' | 'day';

const bucketMs: Record<RollupGranularity, number> = { hour: 3_600_000, day: 86_400_000 };

/** Start (ms epoch) of the UTC hour or day that contains `at`. */
export function bucketOf(at: number, granularity: RollupGranularity): number {
  return at - (((at % bucketMs[granularity]) + bucketMs[granularity]) % bucketMs[granularity]);
}

/** Sums over a set of requests. Tokens the upstream did not report add nothing (never estimated). */
export interface UsageSums {
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cache_write_input_tokens: number;
  reasoning_tokens: number;
  cost: number;
  latency_ms_sum: number;
}

/** A roll-up row: the sums of one bucket, provider, model and key ('' for none). */
export interface RollupRow extends UsageSums {
  bucket: number;
  provider: string;
  model: string;
  api_key_id: string;
}

/**
 * A batch's records summed per bucket, so a flush does one upsert per (bucket, provider, model,
 * key) instead of one per request. '' stands for "none" (see migration 4).
 */
export function rollUp(records: readonly UsageRecord[], granularity: RollupGranularity): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const record of records) {
    const row = rowFor(rows, bucketOf(record.startedAt, granularity), record.provider ?? '', record.model ?? '', record.apiKeyId ?? '');
    row.requests += 1;
    if (record.status >= 400) row.errors += 1;
    row.input_tokens += record.inputTokens ?? 0;
    row.output_tokens += record.outputTokens ?? 0;
    row.cached_input_tokens += record.cachedInputTokens ?? 0;
    row.cache_write_input_tokens += record.cacheWriteInputTokens ?? 0;
    row.reasoning_tokens += record.reasoningTokens ?? 0;
    row.cost += record.cost ?? 0;
    row.latency_ms_sum += Math.round(record.latencyMs);
  }
  return [...rows.values()];
}

/**
 * Hourly roll-up rows summed again per day: the same sums as rolling up the records per day, in
 * one pass over a handful of rows instead of a second pass over the batch.
 */
export function rollUpDays(hourly: readonly RollupRow[]): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const hour of hourly) {
    const row = rowFor(rows, bucketOf(hour.bucket, 'day'), hour.provider, hour.model, hour.api_key_id);
    row.requests += hour.requests;
    row.errors += hour.errors;
    row.input_tokens += hour.input_tokens;
    row.output_tokens += hour.output_tokens;
    row.cached_input_tokens += hour.cached_input_tokens;
    row.cache_write_input_tokens += hour.cache_write_input_tokens;
    row.reasoning_tokens += hour.reasoning_tokens;
    row.cost += hour.cost;
    row.latency_ms_sum += hour.latency_ms_sum;
  }
  return [...rows.values()];
}

/** The row of (bucket, provider, model, key) in `rows`, added with zero sums when it is not there yet. */
function rowFor(rows: Map<string, RollupRow>, bucket: number, provider: string, model: string, apiKeyId: string): RollupRow {
  const key = `${bucket}\u0000${provider}\u0000${model}\u0000${apiKeyId}`;
  let row = rows.get(key);
  if (!row) {
    row = {
      bucket, provider, model, api_key_id: apiKeyId, requests: 0, errors: 0, input_tokens: 0, output_tokens: 0,
      cached_input_tokens: 0, cache_write_input_tokens: 0, reasoning_tokens: 0, cost: 0, latency_ms_sum: 0,
    };
    rows.set(key, row);
  }
  return row;
}
