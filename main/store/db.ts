import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from './database.js';
import { applyMigrations } from './migrate.js';
import { migrations } from './migrations/index.js';
import { ensurePrivateDirectory, ensurePrivateFile, tightenIfPresent } from './private-files.js';

export type { Database } from './database.js';

/** Shared by the tray app and the headless CLI, which open the same data directory. */
export const DATABASE_FILE_NAME = 'omniroute.db';

/** How long a writer waits for another process's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

export interface OpenDatabaseOptions {
  dataDir: string;
}

/**
 * Opens (creating if needed) the database in `dataDir` and migrates it to the latest schema.
 * File modes are fixed before SQLite touches the files: SQLite gives the `-wal` and `-shm` files it
 * creates the database file's mode, so an owner-only database keeps its companions owner-only.
 */
export function openDatabase({ dataDir }: OpenDatabaseOptions): Database {
  ensurePrivateDirectory(dataDir);
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  ensurePrivateFile(file);
  tightenIfPresent(`${file}-wal`);
  tightenIfPresent(`${file}-shm`);

  const database = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // busy_timeout first, so switching to WAL waits for a concurrent opener instead of failing.
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // WAL lets the UI read usage while the gateway writes; NORMAL is durable enough under WAL.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    // Off by default in SQLite; account rows rely on ON DELETE CASCADE.
    database.pragma('foreign_keys = ON');
    applyMigrations(database, migrations);
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}
