import type { Database } from './database.js';
import { parseJson, toJson } from './json-columns.js';

/** One cached answer as the client received it. */
export interface CachedAnswerRecord {
  key: string;
  status: number;
  /** The replayable response headers (content type, provider, model, warnings). */
  headers: Record<string, string>;
  body: Buffer;
  /** Milliseconds since the epoch. */
  createdAt: number;
  expiresAt: number;
}

interface CachedAnswerRow {
  key: string;
  status: number;
  headers: string;
  body: Buffer;
  created_at: number;
  expires_at: number;
}

/** The `response_cache` table: the disk tier of the response cache. */
export class ResponseCacheRepo {
  readonly #get;
  readonly #put;
  readonly #deleteExpired;
  readonly #trim;
  readonly #count;
  readonly #clear;

  constructor(database: Database) {
    this.#get = database.prepare<[string, number], CachedAnswerRow>('SELECT * FROM response_cache WHERE key = ? AND expires_at > ?');
    this.#put = database.prepare<[string, number, string, Buffer, number, number]>(
      `INSERT INTO response_cache (key, status, headers, body, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET status = excluded.status, headers = excluded.headers, body = excluded.body,
         created_at = excluded.created_at, expires_at = excluded.expires_at`,
    );
    this.#deleteExpired = database.prepare<[number]>('DELETE FROM response_cache WHERE expires_at <= ?');
    this.#trim = database.prepare<[number]>(
      'DELETE FROM response_cache WHERE key IN (SELECT key FROM response_cache ORDER BY created_at DESC LIMIT -1 OFFSET ?)',
    );
    this.#count = database.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM response_cache');
    this.#clear = database.prepare('DELETE FROM response_cache');
  }

  /** The answer under `key` unless it expired by `now`. */
  get(key: string, now: number): CachedAnswerRecord | undefined {
    const row = this.#get.get(key, now);
    return (
      row && {
        key: row.key,
        status: row.status,
        headers: parseJson(row.headers, 'response_cache.headers') as Record<string, string>,
        body: row.body,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      }
    );
  }

  put(record: CachedAnswerRecord): void {
    this.#put.run(record.key, record.status, toJson(record.headers, 'response_cache.headers'), record.body, record.createdAt, record.expiresAt);
  }

  /** Drops expired answers, then the oldest beyond `maxEntries`; returns how many went. */
  prune(now: number, maxEntries: number): number {
    return this.#deleteExpired.run(now).changes + this.#trim.run(maxEntries).changes;
  }

  count(): number {
    return this.#count.get()?.count ?? 0;
  }

  clear(): number {
    return this.#clear.run().changes;
  }
}
