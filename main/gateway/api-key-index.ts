import type { ApiKeysRepo } from '../store/api-keys-repo.js';
import { hashApiKey } from './api-keys.js';
import { compileModelPatterns } from './model-pattern.js';

export interface ApiKeyEntry {
  id: string;
  name: string;
  /** Whether this key may use a model (its `models` patterns; all models when it has none). */
  allowsModel(model: string): boolean;
}

const presentedKeyCacheLimit = 1024;
const lastUsedFlushMs = 10_000;

/**
 * In-memory view of the client API keys, so checking a key on the request path is a hash lookup
 * and no database read. Rebuilt whenever keys change through the management API.
 */
export class ApiKeyIndex {
  private byHash = new Map<string, ApiKeyEntry>();
  // Hashing is cheap but not free; agents send the same key thousands of times.
  private presented = new Map<string, ApiKeyEntry | null>();
  // Last use per key, written in one batch every few seconds: the request path never writes SQLite.
  private uses = new Map<string, number>();
  private readonly flushTimer: NodeJS.Timeout;

  constructor(private readonly repo: ApiKeysRepo) {
    this.reload();
    this.flushTimer = setInterval(() => this.flushUses(), lastUsedFlushMs);
    this.flushTimer.unref();
  }

  /** Notes that a key was used now; persisted by the next flush. */
  markUsed(entry: ApiKeyEntry): void {
    this.uses.set(entry.id, Date.now());
  }

  /** Writes pending last-use times (called periodically, before listing keys, and at shutdown). */
  flushUses(): void {
    if (this.uses.size === 0) return;
    const uses = [...this.uses].map(([id, at]) => ({ id, at }));
    this.uses = new Map();
    this.repo.touchLastUsed(uses);
  }

  close(): void {
    clearInterval(this.flushTimer);
    this.flushUses();
  }

  reload(): void {
    const byHash = new Map<string, ApiKeyEntry>();
    for (const record of this.repo.list()) {
      if (record.revokedAt !== null) continue;
      const allowsModel = record.models ? compileModelPatterns(record.models) : () => true;
      byHash.set(record.keyHash, { id: record.id, name: record.name, allowsModel });
    }
    this.byHash = byHash;
    this.presented = new Map();
  }

  lookup(key: string): ApiKeyEntry | undefined {
    const cached = this.presented.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const entry = this.byHash.get(hashApiKey(key));
    if (this.presented.size >= presentedKeyCacheLimit) this.presented.clear();
    this.presented.set(key, entry ?? null);
    return entry;
  }

  get size(): number {
    return this.byHash.size;
  }
}
