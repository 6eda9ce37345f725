import { z } from './zod.js';

/**
 * The exact response cache of chat answers (see docs/cache.md). Only deterministic requests are
 * cached unless `cacheNonDeterministic` is on.
 */
export const responseCacheSettingSchema = z.strictObject({
  enabled: z.boolean(),
  /** How long an answer stays servable, in both the memory and the SQLite tier. */
  ttlSeconds: z.number().check(z.int(), z.minimum(1), z.maximum(30 * 24 * 3600)),
  /** Memory tier bound: number of answers (least recently used go first). */
  maxEntries: z.number().check(z.int(), z.minimum(1), z.maximum(1_000_000)),
  /** Memory tier bound: total answer bytes. An answer larger than this is never cached. */
  maxBytes: z.number().check(z.int(), z.minimum(1024), z.maximum(4 * 1024 * 1024 * 1024)),
  /** SQLite tier bound: number of answers kept on disk (oldest go first). */
  dbMaxEntries: z.number().check(z.int(), z.minimum(0), z.maximum(10_000_000)),
  /** Also cache requests that sample (temperature above 0 or absent): repeats then get the first answer. */
  cacheNonDeterministic: z.boolean(),
});

/**
 * The optional semantic cache: a request whose last user message is close enough (cosine
 * similarity of embeddings) to a cached one's, with the same model and parameters, gets its answer.
 */
export const semanticCacheSettingSchema = z.strictObject({
  enabled: z.boolean(),
  /** A routable embeddings model, `provider/model`; empty disables the semantic cache. */
  embeddingModel: z.string().check(z.maxLength(300)),
  threshold: z.number().check(z.minimum(0.5), z.maximum(1)),
});

export type ResponseCacheSetting = z.infer<typeof responseCacheSettingSchema>;
export type SemanticCacheSetting = z.infer<typeof semanticCacheSettingSchema>;

export const defaultResponseCacheSetting: ResponseCacheSetting = {
  enabled: true,
  ttlSeconds: 3600,
  maxEntries: 500,
  maxBytes: 64 * 1024 * 1024,
  dbMaxEntries: 10_000,
  cacheNonDeterministic: false,
};

export const defaultSemanticCacheSetting: SemanticCacheSetting = { enabled: false, embeddingModel: '', threshold: 0.95 };

/** Duplicates carrying the same `Idempotency-Key` (or `X-Request-Id`) within this window share one answer. */
export const idempotencyWindowMsSchema = z.number().check(z.int(), z.minimum(0), z.maximum(600_000));
export const defaultIdempotencyWindowMs = 5000;
