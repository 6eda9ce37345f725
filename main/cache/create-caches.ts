import type { RouterContext } from '../server/router-context.js';
import { answerLayer, type ReplayedAnswer } from './answer-layer.js';
import { IdempotencyRegistry } from './idempotency-registry.js';
import { ResponseCache, type ResponseCacheStats } from './response-cache.js';
import { SemanticCache } from './semantic-cache.js';

/** `GET /api/cache/stats`: the seed's shape, plus the response cache's own counters. */
export interface CacheStats {
  /** Named as in OmniRoute, whose response cache carries this name: the exact cache's figures. */
  semanticCache: { memorySize: number; memoryMaxSize: number; dbSize: number; hitRate: number; enabled: boolean; entries: number; hits: number };
  responseCache: ResponseCacheStats & { enabled: boolean };
  idempotency: { activeKeys: number; windowMs: number };
}

/** The response cache and idempotency registry of one router, and the middleware that uses them. */
export interface Caches {
  /** Goes in front of every chat route (see create-http-app.ts). */
  middleware: ReturnType<typeof answerLayer>;
  /** The same in front of `/v1/embeddings`: every embedding is cacheable; no semantic lookup (there is no conversation). */
  embeddingsMiddleware: ReturnType<typeof answerLayer>;
  stats(): CacheStats;
  /** Empties both cache tiers and forgets finished idempotent requests. */
  clear(): void;
}

export interface CreateCachesOptions {
  /** Clock for TTLs and idempotency windows; tests move it. */
  now?: () => number;
  onReplay?: (replayed: ReplayedAnswer) => void;
}

export function createCaches(context: RouterContext, options: CreateCachesOptions = {}): Caches {
  const now = options.now ?? Date.now;
  const cache = new ResponseCache(context.store.responseCache, context.settings.current.responseCache, now);
  const idempotency = new IdempotencyRegistry(now);
  const semantic = new SemanticCache({ engine: context.engine, settings: context.settings, cache, logger: context.logger });
  context.settings.onChange((settings) => cache.configure(settings.responseCache));
  const shared = { settings: context.settings, cache, idempotency, logger: context.logger, ...(options.onReplay ? { onReplay: options.onReplay } : {}) };
  const middleware = answerLayer({ ...shared, semantic });
  const embeddingsMiddleware = answerLayer({ ...shared, deterministic: true });
  return {
    middleware,
    embeddingsMiddleware,
    stats() {
      const response = cache.stats();
      const settings = context.settings.current;
      return {
        semanticCache: { memorySize: response.memorySize, memoryMaxSize: response.memoryMaxSize, dbSize: response.dbSize, hitRate: response.hitRate, ...semantic.stats() },
        responseCache: { enabled: settings.responseCache.enabled, ...response },
        idempotency: { activeKeys: idempotency.activeKeys, windowMs: settings.idempotencyWindowMs },
      };
    },
    clear() {
      cache.clear();
      semantic.clear();
      idempotency.clear();
    },
  };
}
