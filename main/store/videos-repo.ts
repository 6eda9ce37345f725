import type { Database } from './database.js';
import { parseJson, toJson } from './json-columns.js';

/** A video made through `/v1/videos`, and where it lives upstream. */
export interface VideoRecord {
  /** The upstream's video id, which the client holds. */
  id: string;
  provider: string;
  accountId: string;
  /** The model as the client named it, `provider/model`. */
  model: string;
  /** Who may see it (see taskOwner). */
  owner: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** The upstream's video object as last seen. */
  video: Record<string, unknown>;
}

interface VideoRow {
  id: string;
  provider: string;
  account_id: string;
  model: string;
  owner: string;
  created_at: number;
  video: string;
}

/** The `videos` table. Written once per video made and once per status read: never on the chat path. */
export class VideosRepo {
  readonly #get;
  readonly #put;
  readonly #update;
  readonly #delete;
  readonly #listNewest;
  readonly #listOldest;

  constructor(database: Database) {
    this.#get = database.prepare<[string], VideoRow>('SELECT * FROM videos WHERE id = ?');
    this.#put = database.prepare<[string, string, string, string, string, number, string]>(
      'INSERT OR REPLACE INTO videos (id, provider, account_id, model, owner, created_at, video) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#update = database.prepare<[string, string]>('UPDATE videos SET video = ? WHERE id = ?');
    this.#delete = database.prepare<[string]>('DELETE FROM videos WHERE id = ?');
    // Ties on created_at (videos made in the same millisecond) are broken by id, so a cursor never skips one.
    this.#listNewest = database.prepare<[string, number, string, number], VideoRow>('SELECT * FROM videos WHERE owner = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?');
    this.#listOldest = database.prepare<[string, number, string, number], VideoRow>('SELECT * FROM videos WHERE owner = ? AND (created_at, id) > (?, ?) ORDER BY created_at ASC, id ASC LIMIT ?');
  }

  get(id: string): VideoRecord | undefined {
    const row = this.#get.get(id);
    return row && toRecord(row);
  }

  put(record: VideoRecord): void {
    this.#put.run(record.id, record.provider, record.accountId, record.model, record.owner, record.createdAt, toJson(record.video, `videos.${record.id}`));
  }

  /** Keeps the video object as the upstream last reported it. */
  update(id: string, video: Record<string, unknown>): void {
    this.#update.run(toJson(video, `videos.${id}`), id);
  }

  delete(id: string): void {
    this.#delete.run(id);
  }

  /** One owner's videos, newest (or oldest) first, after the cursor video when given; `limit + 1` tells if there are more. */
  list(owner: string, options: { order: 'asc' | 'desc'; after: VideoRecord | undefined; limit: number }): VideoRecord[] {
    const { after, limit, order } = options;
    const rows =
      order === 'desc'
        ? this.#listNewest.all(owner, after?.createdAt ?? Number.MAX_SAFE_INTEGER, after?.id ?? '', limit)
        : this.#listOldest.all(owner, after?.createdAt ?? -1, after?.id ?? '', limit);
    return rows.map(toRecord);
  }
}

function toRecord(row: VideoRow): VideoRecord {
  return {
    id: row.id,
    provider: row.provider,
    accountId: row.account_id,
    model: row.model,
    owner: row.owner,
    createdAt: row.created_at,
    video: parseJson(row.video, `videos.${row.id}`) as Record<string, unknown>,
  };
}
