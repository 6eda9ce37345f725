import type { Database } from './database.js';
import { parseNullableStringArray, toJson } from './json-columns.js';
import type { ApiKeyRecord } from './types.js';

interface ApiKeyRow {
  id: string;
  name: string;
  key_hash: string;
  key_preview: string;
  models: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** One use of a key, as batched by the usage recorder. */
export interface ApiKeyUse {
  id: string;
  at: number;
}

const SELECT = 'SELECT * FROM api_keys';

function prepareStatements(database: Database) {
  return {
    list: database.prepare<[], ApiKeyRow>(`${SELECT} ORDER BY created_at, id`),
    get: database.prepare<[string], ApiKeyRow>(`${SELECT} WHERE id = ?`),
    getByHash: database.prepare<[string], ApiKeyRow>(`${SELECT} WHERE key_hash = ?`),
    insert: database.prepare<ApiKeyRow>(
      `INSERT INTO api_keys (id, name, key_hash, key_preview, models, created_at, last_used_at, revoked_at)
       VALUES (@id, @name, @key_hash, @key_preview, @models, @created_at, @last_used_at, @revoked_at)`,
    ),
    // Only the first revocation counts, so its time stays the one shown in the UI and the audit trail.
    revoke: database.prepare<[number, string]>('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    delete: database.prepare<[string]>('DELETE FROM api_keys WHERE id = ?'),
    // MAX keeps the newest time when batches are flushed out of order.
    touchLastUsed: database.prepare<ApiKeyUse>(
      'UPDATE api_keys SET last_used_at = MAX(COALESCE(last_used_at, 0), @at) WHERE id = @id',
    ),
  };
}

/** The `api_keys` table. Lookups are by sha256 hash: the key itself is never stored. */
export class ApiKeysRepo {
  readonly #statements: ReturnType<typeof prepareStatements>;
  readonly #touchLastUsed: (uses: readonly ApiKeyUse[]) => void;

  constructor(database: Database) {
    this.#statements = prepareStatements(database);
    // One transaction per batch: one fsync instead of one per request on the hot path.
    this.#touchLastUsed = database.transaction((uses: readonly ApiKeyUse[]) => {
      for (const use of uses) this.#statements.touchLastUsed.run({ id: use.id, at: use.at });
    });
  }

  /** Oldest first, revoked keys included. */
  list(): ApiKeyRecord[] {
    return this.#statements.list.all().map(fromRow);
  }

  get(id: string): ApiKeyRecord | undefined {
    const row = this.#statements.get.get(id);
    return row === undefined ? undefined : fromRow(row);
  }

  /** Returns revoked keys too; the caller decides how to refuse them. */
  getByHash(keyHash: string): ApiKeyRecord | undefined {
    const row = this.#statements.getByHash.get(keyHash);
    return row === undefined ? undefined : fromRow(row);
  }

  /** Throws a SQLite constraint error when the id or the hash is taken. */
  insert(record: ApiKeyRecord): void {
    this.#statements.insert.run(toRow(record));
  }

  /** False when there is no such key or it was already revoked. */
  revoke(id: string, at: number): boolean {
    return this.#statements.revoke.run(at, id).changes > 0;
  }

  delete(id: string): boolean {
    return this.#statements.delete.run(id).changes > 0;
  }

  /** Records a batch of uses; ids of deleted keys are ignored. */
  touchLastUsed(uses: readonly ApiKeyUse[]): void {
    if (uses.length > 0) this.#touchLastUsed(uses);
  }
}

function fromRow(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    keyHash: row.key_hash,
    keyPreview: row.key_preview,
    models: parseNullableStringArray(row.models, 'api_keys.models'),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

function toRow(record: ApiKeyRecord): ApiKeyRow {
  return {
    id: record.id,
    name: record.name,
    key_hash: record.keyHash,
    key_preview: record.keyPreview,
    models: record.models === null ? null : toJson(record.models, 'api_keys.models'),
    created_at: record.createdAt,
    last_used_at: record.lastUsedAt,
    revoked_at: record.revokedAt,
  };
}
