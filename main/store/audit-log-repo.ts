import type { Database } from './database.js';

/** Who made a management request: the management token, the dashboard's session, or nobody signed in. */
export type AuditActor = 'token' | 'session' | 'none';

/** One management request in the audit trail; the table's columns have the same names. */
export interface AuditEntry {
  id: number;
  /** Milliseconds since the epoch. */
  at: number;
  actor: AuditActor;
  method: string;
  /** The path without its query string. */
  path: string;
  status: number;
  /** The peer's address as the socket saw it (a tunnel's requests come from the tunnel daemon). */
  address: string;
  /** The browser's Origin header, when it sent one. */
  origin: string | null;
}

/** Rows kept; the oldest go first. A year of a busy dashboard, in a few megabytes. */
const keptRows = 10_000;

/** The `audit_log` table: written on management requests only, never on the request path of agents. */
export class AuditLogRepo {
  readonly #add;
  readonly #trim;
  readonly #newest;
  readonly #before;
  readonly #count;
  #added = 0;

  constructor(database: Database) {
    this.#add = database.prepare<[number, string, string, string, number, string, string | null]>('INSERT INTO audit_log (at, actor, method, path, status, address, origin) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.#trim = database.prepare<[number]>('DELETE FROM audit_log WHERE id <= (SELECT MAX(id) FROM audit_log) - ?');
    this.#newest = database.prepare<[number], AuditEntry>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
    this.#before = database.prepare<[number, number], AuditEntry>('SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?');
    this.#count = database.prepare<[], number>('SELECT COUNT(*) FROM audit_log').pluck();
  }

  add(entry: Omit<AuditEntry, 'id'>): void {
    this.#add.run(entry.at, entry.actor, entry.method, entry.path, entry.status, entry.address, entry.origin);
    // Trimmed now and then rather than on every row: the table may briefly hold a few more.
    if (++this.#added % 100 === 1) this.#trim.run(keptRows);
  }

  /** The newest entries first, older than `beforeId` when given. */
  list(limit: number, beforeId?: number): AuditEntry[] {
    return beforeId === undefined ? this.#newest.all(limit) : this.#before.all(beforeId, limit);
  }

  count(): number {
    return this.#count.get() as number;
  }
}
