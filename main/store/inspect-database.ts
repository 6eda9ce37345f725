import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

/** What an opened database says of itself, before anything migrates or writes it. */
export interface DatabaseInspection {
  /** SQLite's `quick_check`: `ok`, or what is damaged. */
  health: string;
  /** The newest migration applied; undefined without a migrations table (an empty file, or not ours). */
  schemaVersion: number | undefined;
  /** The newest migration this version knows. */
  knownVersion: number;
  /** Whether OmniRoute's tables are there (a migrations table and `providers`). */
  omniRouteTables: boolean;
}

/**
 * Checks an opened database read-only: its health and schema version against this OmniRoute's
 * migrations. Throws SQLite's error when the file is not a database at all. Used to vet a backup
 * before a restore and by `omniroute doctor`.
 */
export function inspectDatabase(database: Database): DatabaseInspection {
  const health = String(database.pragma('quick_check', { simple: true }));
  const tables = new Set(database.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all());
  const schemaVersion = tables.has('schema_migrations') ? (database.prepare<[], number | null>('SELECT MAX(version) FROM schema_migrations').pluck().get() ?? 0) : undefined;
  return { health, schemaVersion, knownVersion: migrations.at(-1)?.version ?? 0, omniRouteTables: schemaVersion !== undefined && tables.has('providers') };
}
