import type { ResponseCacheSetting } from '../../shared/cache-settings.js';
import type { ResponseCacheRepo } from '../store/response-cache-repo.js';
import { MemoryTier } from './memory-tier.js';
import type { StoredAnswer } from './stored-answer.js';

/** Counters since start (or the last clear), for `/api/cache/stats`. */
export interface ResponseCacheStats {
  memorySize: number;
  memoryMaxSize: number;
  memoryBytes: number;
  dbSize: number;
  hits: number;
  misses: number;
  hitRate: number;
}

// Disk pruning (expired, then over the bound) runs every so many writes, not on each one.
const pruneEvery = 64;

/**
 * The exact response cache: memory in front of SQLite. Reads try memory, then disk (a disk hit
 * is promoted to memory); writes go to both. Both tiers honour the TTL.
 */
export class ResponseCache {
  readonly #memory: MemoryTier;
  #hits = 0;
  #misses = 0;
  #writes = 0;

  constructor(
    private readonly repo: ResponseCacheRepo,
    private setting: ResponseCacheSetting,
    private readonly now: () => number,
  ) {
    this.#memory = new MemoryTier(setting);
    repo.prune(now(), setting.dbMaxEntries);
  }

  /** Settings changed: new bounds and TTL apply from now on. */
  configure(setting: ResponseCacheSetting): void {
    this.setting = setting;
    this.#memory.resize(setting);
  }

  get(key: string): StoredAnswer | undefined {
    const now = this.now();
    let answer = this.#memory.get(key, now);
    if (!answer) {
      const record = this.repo.get(key, now);
      if (record) {
        answer = { status: record.status, headers: record.headers, body: record.body };
        this.#memory.set(key, answer, record.expiresAt);
      }
    }
    if (answer) this.#hits += 1;
    else this.#misses += 1;
    return answer;
  }

  set(key: string, answer: StoredAnswer): void {
    const createdAt = this.now();
    const expiresAt = createdAt + this.setting.ttlSeconds * 1000;
    // An answer too large for the memory tier is too large to cache at all.
    if (!this.#memory.set(key, answer, expiresAt)) return;
    if (this.setting.dbMaxEntries === 0) return;
    this.repo.put({ key, ...answer, createdAt, expiresAt });
    if (++this.#writes % pruneEvery === 0) this.repo.prune(createdAt, this.setting.dbMaxEntries);
  }

  clear(): void {
    this.#memory.clear();
    this.repo.clear();
    this.#hits = 0;
    this.#misses = 0;
  }

  stats(): ResponseCacheStats {
    const lookups = this.#hits + this.#misses;
    return {
      memorySize: this.#memory.size,
      memoryMaxSize: this.#memory.maxEntries,
      memoryBytes: this.#memory.bytes,
      dbSize: this.repo.count(),
      hits: this.#hits,
      misses: this.#misses,
      hitRate: lookups === 0 ? 0 : Math.round((this.#hits / lookups) * 1000) / 1000,
    };
  }
}
