import { z } from './zod.js';

/** `POST /api/usage/budget`: set or update the budget of a key (or the global one) for a period. */
export const budgetInputSchema = z.strictObject({
  /** A client API key id; null or absent for the global budget (all requests). */
  keyId: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(100)))),
  /** USD. */
  limit: z.number().check(z.positive(), z.maximum(1_000_000_000)),
  period: z.enum(['daily', 'weekly', 'monthly']),
  /** Fraction of the limit at which a warning is raised. */
  warnAt: z.optional(z.number().check(z.gt(0), z.maximum(1))),
});
export type BudgetInput = z.infer<typeof budgetInputSchema>;

/** A budget and how much of it the current period has used. Periods are UTC calendar days, ISO weeks (from Monday) and months. */
export interface BudgetStatusDto {
  id: string;
  keyId: string | null;
  /** The key's name, when the budget belongs to a key that still exists. */
  keyName: string | null;
  period: 'daily' | 'weekly' | 'monthly';
  limit: number;
  warnAt: number;
  spent: number;
  remaining: number;
  state: 'ok' | 'warning' | 'exceeded';
  periodStart: string;
  resetsAt: string;
}

const pricePerMillion = z.number().check(z.minimum(0), z.maximum(1_000_000));

/** `PUT /api/pricing/{model}`: USD per million tokens. Null cache prices mean "the input price". */
export const priceInputSchema = z.strictObject({
  input: pricePerMillion,
  output: pricePerMillion,
  cachedInput: z.optional(z.nullable(pricePerMillion)),
  cacheWrite: z.optional(z.nullable(pricePerMillion)),
});
export type PriceInput = z.infer<typeof priceInputSchema>;

/** A row of `GET /api/pricing`. */
export interface PriceDto {
  model: string;
  input: number;
  output: number;
  cachedInput: number | null;
  cacheWrite: number | null;
  source: 'default' | 'custom';
}

/**
 * What is recorded of every request, in the recorder (main/usage/usage-entry.ts) and in the
 * request log. Token figures are the upstream's own: null when it did not report them.
 */
export interface UsageFigures {
  apiKeyId: string | null;
  /** Provider name that answered (or was last tried), null when none was reached. */
  provider: string | null;
  accountId: string | null;
  /** The model as the client asked for it (may be a combo or alias). */
  requestedModel: string;
  /** `provider/model` that answered, null when none did. */
  model: string | null;
  status: number;
  errorCode: string | null;
  stream: boolean;
  /** Exactly as upstream reported (spec Usage semantics: includes cached and cache-write tokens). */
  inputTokens: number | null;
  /** Includes reasoning tokens. */
  outputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteInputTokens: number | null;
  reasoningTokens: number | null;
  latencyMs: number;
  /** Time to first byte of the answer sent to the client; null for failures. */
  ttftMs: number | null;
  cacheHit: boolean;
  /** More than one target was attempted. */
  fallback: boolean;
  attempts: number;
}

/** A request in `GET /api/usage/logs`. */
export interface UsageLogDto extends UsageFigures {
  id: number;
  requestId: string;
  startedAt: string;
  clientFormat: string;
  /** USD; null when the model has no price or the upstream reported no tokens. */
  cost: number | null;
  notes: string[];
}

/** Sums over a set of requests (a roll-up bucket, a model, a range). */
export interface UsageTotalsDto {
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteInputTokens: number;
  reasoningTokens: number;
  cost: number;
  /** Mean latency in ms; null without requests. */
  averageLatencyMs: number | null;
}

/** A row of `GET /api/usage/history`. */
export interface UsageHistoryPointDto extends UsageTotalsDto {
  /** Start of the UTC hour or day. */
  bucket: string;
  provider: string | null;
  model: string | null;
  apiKeyId: string | null;
}
