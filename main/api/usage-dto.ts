import type { UsageHistoryPointDto, UsageLogDto, UsageTotalsDto } from '../../shared/usage-types.js';
import type { UsageRecordRow } from '../store/usage-records-repo.js';
import type { RollupRow, UsageSums as Sums } from '../store/usage-rollup.js';

export function toUsageLogDto(row: UsageRecordRow): UsageLogDto {
  return {
    id: row.id,
    requestId: row.request_id,
    startedAt: new Date(row.started_at).toISOString(),
    clientFormat: row.client_format,
    apiKeyId: row.api_key_id,
    provider: row.provider,
    accountId: row.account_id,
    requestedModel: row.requested_model,
    model: row.model,
    status: row.status,
    errorCode: row.error_code,
    stream: row.stream === 1,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cachedInputTokens: row.cached_input_tokens,
    cacheWriteInputTokens: row.cache_write_input_tokens,
    reasoningTokens: row.reasoning_tokens,
    latencyMs: row.latency_ms,
    ttftMs: row.ttft_ms,
    cacheHit: row.cache_hit === 1,
    fallback: row.fallback === 1,
    attempts: row.attempts,
    cost: row.cost,
    notes: row.notes === null ? [] : (JSON.parse(row.notes) as string[]),
  };
}

/** Sums as the API reports them, from a roll-up or a per-model aggregate row. */
export function toTotalsDto(row: Sums): UsageTotalsDto {
  return {
    requests: row.requests,
    errors: row.errors ?? 0,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cachedInputTokens: row.cached_input_tokens,
    cacheWriteInputTokens: row.cache_write_input_tokens,
    reasoningTokens: row.reasoning_tokens,
    cost: row.cost,
    averageLatencyMs: row.requests > 0 ? Math.round(row.latency_ms_sum / row.requests) : null,
  };
}

/** The sums of several rows, for totals over a range. */
export function sumRows(rows: readonly Sums[]): Sums {
  const total: Sums = {
    requests: 0, errors: 0, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, cache_write_input_tokens: 0, reasoning_tokens: 0, cost: 0, latency_ms_sum: 0,
  };
  for (const row of rows) {
    for (const key of Object.keys(total) as (keyof Sums)[]) total[key] += row[key] ?? 0;
  }
  return total;
}

export function toHistoryPointDto(row: RollupRow): UsageHistoryPointDto {
  return {
    bucket: new Date(row.bucket).toISOString(),
    provider: row.provider === '' ? null : row.provider,
    model: row.model === '' ? null : row.model,
    apiKeyId: row.api_key_id === '' ? null : row.api_key_id,
    ...toTotalsDto(row),
  };
}
