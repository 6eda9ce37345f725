import type { Database } from './database.js';
import { parseJson, toJson } from './json-columns.js';

/** A stored response; `messages` is opaque to the store (the Responses format defines it). */
export interface ResponseRecord {
  id: string;
  model: string;
  /** Seconds since the epoch, as the Responses API reports it. */
  createdAt: number;
  messages: unknown;
}

interface ResponseRow {
  id: string;
  model: string;
  created_at: number;
  messages: string;
}

/**
 * The `responses` table: conversations kept for `previous_response_id`. Writes are behind: `put`
 * keeps the row in memory and a later turn of the event loop writes every pending row in one
 * transaction, so the request that stored a response never waits on the disk. `get` sees pending
 * rows, so a client's next turn finds its previous response at once; `flush` (the store's `close`
 * calls it) writes what is pending.
 */
export class ResponsesRepo {
  readonly #get;
  readonly #prune;
  readonly #writePending: () => void;
  /** Rows waiting for the next write, serialised already (a value that cannot be stored fails `put`). */
  readonly #pending = new Map<string, ResponseRow>();
  #scheduled: NodeJS.Immediate | undefined;

  constructor(database: Database) {
    this.#get = database.prepare<[string], ResponseRow>('SELECT id, model, created_at, messages FROM responses WHERE id = ?');
    const put = database.prepare<[string, string, number, string]>(
      'INSERT INTO responses (id, model, created_at, messages) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET model = excluded.model, created_at = excluded.created_at, messages = excluded.messages',
    );
    this.#prune = database.prepare<[number]>('DELETE FROM responses WHERE created_at < ?');
    this.#writePending = database.transaction(() => {
      for (const row of this.#pending.values()) put.run(row.id, row.model, row.created_at, row.messages);
    });
  }

  get(id: string): ResponseRecord | undefined {
    const row = this.#pending.get(id) ?? this.#get.get(id);
    return row && { id: row.id, model: row.model, createdAt: row.created_at, messages: parseJson(row.messages, `responses.${row.id}`) };
  }

  put(record: ResponseRecord): void {
    this.#pending.set(record.id, { id: record.id, model: record.model, created_at: record.createdAt, messages: toJson(record.messages, `responses.${record.id}`) });
    if (this.#scheduled === undefined) {
      this.#scheduled = setImmediate(() => {
        this.#scheduled = undefined;
        // A failed write keeps the rows pending (still served by `get`) for the next flush or close.
        try {
          this.flush();
        } catch {
          // retried by the next put's flush, and by close(), which reports a failure
        }
      });
      this.#scheduled.unref();
    }
  }

  /** Writes every pending row now, in one transaction. */
  flush(): void {
    if (this.#pending.size === 0) return;
    this.#writePending();
    this.#pending.clear();
  }

  /** Deletes responses created before `createdBefore` (seconds); returns how many. */
  prune(createdBefore: number): number {
    this.flush();
    return this.#prune.run(createdBefore).changes;
  }
}
