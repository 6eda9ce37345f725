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

/** The `responses` table: conversations kept for `previous_response_id`. */
export class ResponsesRepo {
  readonly #get;
  readonly #put;
  readonly #prune;

  constructor(database: Database) {
    this.#get = database.prepare<[string], ResponseRow>('SELECT id, model, created_at, messages FROM responses WHERE id = ?');
    this.#put = database.prepare<[string, string, number, string]>(
      'INSERT INTO responses (id, model, created_at, messages) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET model = excluded.model, created_at = excluded.created_at, messages = excluded.messages',
    );
    this.#prune = database.prepare<[number]>('DELETE FROM responses WHERE created_at < ?');
  }

  get(id: string): ResponseRecord | undefined {
    const row = this.#get.get(id);
    return row && { id: row.id, model: row.model, createdAt: row.created_at, messages: parseJson(row.messages, `responses.${row.id}`) };
  }

  put(record: ResponseRecord): void {
    this.#put.run(record.id, record.model, record.createdAt, toJson(record.messages, `responses.${record.id}`));
  }

  /** Deletes responses created before `createdBefore` (seconds); returns how many. */
  prune(createdBefore: number): number {
    return this.#prune.run(createdBefore).changes;
  }
}
