import type { UsageHistoryPointDto } from '../../../shared/usage-types.js';

/** The time ranges the Usage page offers, each with the granularity its chart uses. */
export const usageRanges = {
  '24h': { label: 'Last 24 hours', granularity: 'hour', buckets: 24 },
  '7d': { label: 'Last 7 days', granularity: 'day', buckets: 7 },
  '30d': { label: 'Last 30 days', granularity: 'day', buckets: 30 },
} as const;

export type UsageRangeId = keyof typeof usageRanges;

/** One bar of the chart: the sums of every provider, model and key in a bucket. */
export interface UsageBucket {
  /** Start of the UTC hour or day, ms since the epoch. */
  start: number;
  requests: number;
  errors: number;
  tokens: number;
  cost: number;
}

const sizeMs = { hour: 3_600_000, day: 86_400_000 } as const;

/** The first bucket of a range ending now; the server counts buckets in UTC. */
export function rangeStart(range: UsageRangeId, now: number): number {
  const { granularity, buckets } = usageRanges[range];
  const size = sizeMs[granularity];
  return Math.floor(now / size) * size - (buckets - 1) * size;
}

/**
 * The history rows (one per bucket, provider, model and key) summed per bucket, with empty buckets
 * filled in so the chart's time axis has no gaps.
 */
export function toBuckets(points: readonly UsageHistoryPointDto[], range: UsageRangeId, now: number): UsageBucket[] {
  const { granularity, buckets } = usageRanges[range];
  const first = rangeStart(range, now);
  const result: UsageBucket[] = Array.from({ length: buckets }, (_, index) => ({ start: first + index * sizeMs[granularity], requests: 0, errors: 0, tokens: 0, cost: 0 }));
  for (const point of points) {
    const bucket = result[Math.round((Date.parse(point.bucket) - first) / sizeMs[granularity])];
    if (!bucket) continue;
    bucket.requests += point.requests;
    bucket.errors += point.errors;
    bucket.tokens += point.inputTokens + point.outputTokens;
    bucket.cost += point.cost;
  }
  return result;
}
