import { z } from './zod.js';

/** How a provider picks among its accounts. */
export const accountStrategies = ['fill-first', 'round-robin', 'least-used', 'random'] as const;
export type AccountStrategy = (typeof accountStrategies)[number];

const durationMs = (max: number) => z.number().check(z.int(), z.minimum(0), z.maximum(max));

/**
 * Fallback, cooldown and circuit-breaker settings (`GET|PATCH /api/resilience`). Shared with the
 * renderer so the UI validates with the same rules.
 */
export const resilienceSchema = z.strictObject({
  /** The most upstream attempts one request may make, across targets and accounts. */
  maxAttempts: z.number().check(z.int(), z.minimum(1), z.maximum(50)),
  /**
   * A streamed answer whose first byte has not arrived this long after the request was sent counts
   * as a failed attempt and the next target is tried. 0 turns it off (upstreamTimeoutMs still applies).
   */
  firstTokenTimeoutMs: durationMs(3_600_000),
  /** The default way a provider with several accounts picks one. */
  accountStrategy: z.enum(accountStrategies),
  breaker: z.strictObject({
    /** Consecutive failures (5xx, timeouts, unreachable) that open an account's breaker. */
    failureThreshold: z.number().check(z.int(), z.minimum(1), z.maximum(1000)),
    /** How long an open breaker keeps the account out before one probe request is let through. */
    openMs: durationMs(86_400_000).check(z.minimum(1000)),
  }),
  /** Cooldown when the upstream announces no reset time, by failure rule name (e.g. `rate-limited`). */
  cooldownMs: z.record(z.string().check(z.maxLength(64)), durationMs(86_400_000)),
  /** How long a sticky session keeps its account after its last request. 0 turns stickiness off. */
  stickySessionTtlMs: durationMs(86_400_000),
  /** Per-provider overrides, by provider name. */
  providers: z.record(
    z.string().check(z.maxLength(100)),
    z.strictObject({ accountStrategy: z.optional(z.enum(accountStrategies)), firstTokenTimeoutMs: z.optional(durationMs(3_600_000)) }),
  ),
});

export type ResilienceSettings = z.infer<typeof resilienceSchema>;

export const defaultResilience: ResilienceSettings = {
  maxAttempts: 10,
  firstTokenTimeoutMs: 60_000,
  accountStrategy: 'fill-first',
  breaker: { failureThreshold: 5, openMs: 30_000 },
  cooldownMs: {},
  stickySessionTtlMs: 3_600_000,
  providers: {},
};

/** A partial update, as sent to `PATCH /api/resilience`; nested objects are merged one level deep. */
export const resiliencePatchSchema = z.extend(z.partial(resilienceSchema), { breaker: z.optional(z.partial(resilienceSchema.shape.breaker)) });
export type ResiliencePatch = z.infer<typeof resiliencePatchSchema>;
