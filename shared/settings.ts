import { z } from './zod.js';
import { defaultIdempotencyWindowMs, defaultResponseCacheSetting, defaultSemanticCacheSetting, idempotencyWindowMsSchema, responseCacheSettingSchema, semanticCacheSettingSchema } from './cache-settings.js';
import { defaultIpFilterSetting, ipFilterSettingSchema } from './ip-filter.js';
import { defaultUpstreamProxySetting, upstreamProxySettingSchema } from './proxy-settings.js';
import { defaultResilience, resilienceSchema } from './resilience.js';
import { defaultSystemPromptSetting, defaultThinkingBudgetSetting, systemPromptSettingSchema, thinkingBudgetSettingSchema } from './request-settings.js';

/**
 * Router settings, editable through `GET|PUT /api/settings`. Shared with the renderer so the UI
 * validates with the same rules the server enforces.
 */
export const settingsSchema = z.strictObject({
  /** Fallback, cooldowns and circuit breakers; see shared/resilience.ts and `/api/resilience`. */
  resilience: resilienceSchema,
  /** When on, every client request must carry one of our API keys (Bearer, x-api-key, x-goog-api-key). */
  requireApiKey: z.boolean(),
  /** Request bodies larger than this get a 413 in the client's envelope. */
  maxRequestBodyMb: z.number().check(z.positive(), z.maximum(1024)),
  /** How long to wait for an upstream's response headers (non-streaming answers arrive whole, so this is generous). */
  upstreamTimeoutMs: z.number().check(z.int(), z.minimum(1000), z.maximum(3_600_000)),
  /** A stream that stays silent this long is treated as dead and ended with an error event. */
  streamIdleTimeoutMs: z.number().check(z.int(), z.minimum(1000), z.maximum(3_600_000)),
  /** On shutdown, in-flight requests get this long to finish before they are aborted. */
  shutdownGraceMs: z.number().check(z.int(), z.minimum(0), z.maximum(600_000)),
  /** Extra host names the router answers to (e.g. a tunnel's); loopback names are always allowed. */
  allowedHosts: z.array(z.string().check(z.minLength(1), z.maxLength(253))).check(z.maxLength(64)),
  /** Browser origins allowed to call the router (CORS); our own origin is always allowed. */
  allowedOrigins: z.array(z.url()).check(z.maxLength(64)),
  /** Days of per-request usage detail (and captured request logs) to keep; hourly and daily roll-ups are kept. */
  usageRetentionDays: z.number().check(z.int(), z.minimum(1), z.maximum(3650)),
  /** Capture of request and response bodies for debugging, secrets redacted, each body capped at `maxBodyBytes`. */
  requestLogs: z.strictObject({ enabled: z.boolean(), maxBodyBytes: z.number().check(z.int(), z.minimum(1024), z.maximum(16 * 1024 * 1024)) }),
  /** A global system prompt added to chat requests; off by default. Also at `/api/settings/system-prompt`. */
  systemPrompt: systemPromptSettingSchema,
  /** How reasoning/thinking budgets are set on requests; `passthrough` by default. Also at `/api/settings/thinking-budget`. */
  thinkingBudget: thinkingBudgetSettingSchema,
  /** Exact cache of deterministic chat answers (memory + SQLite); see docs/cache.md. */
  responseCache: responseCacheSettingSchema,
  /** Optional cache by meaning of the last user message; off by default. */
  semanticCache: semanticCacheSettingSchema,
  /** How long a finished request's answer is kept for duplicates with its `Idempotency-Key` / `X-Request-Id`. */
  idempotencyWindowMs: idempotencyWindowMsSchema,
  /** The proxy upstream calls go through; see shared/proxy-settings.ts and `/api/settings/proxy`. */
  upstreamProxy: upstreamProxySettingSchema,
  /** Which client addresses may use the router; see shared/ip-filter.ts and `/api/settings/ip-filter`. */
  ipFilter: ipFilterSettingSchema,
});

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  resilience: defaultResilience,
  requireApiKey: false,
  maxRequestBodyMb: 32,
  upstreamTimeoutMs: 600_000,
  streamIdleTimeoutMs: 300_000,
  shutdownGraceMs: 10_000,
  allowedHosts: [],
  allowedOrigins: [],
  usageRetentionDays: 30,
  requestLogs: { enabled: false, maxBodyBytes: 64 * 1024 },
  systemPrompt: defaultSystemPromptSetting,
  thinkingBudget: defaultThinkingBudgetSetting,
  responseCache: defaultResponseCacheSetting,
  semanticCache: defaultSemanticCacheSetting,
  idempotencyWindowMs: defaultIdempotencyWindowMs,
  upstreamProxy: defaultUpstreamProxySetting,
  ipFilter: defaultIpFilterSetting,
};

/** A partial update, as sent to `PUT /api/settings`. */
export const settingsPatchSchema = z.partial(settingsSchema);
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
