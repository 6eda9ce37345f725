import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { RestoreOutcomeDto } from '../../shared/backups-types.js';
import { DATABASE_FILE_NAME } from '../store/db.js';
import { backupsDirectory, checkBackupFile, ensureBackupsDirectory, freeBackupName, listBackupFiles, ownerOnlyFile, pruneBackups } from './backup-files.js';

const pendingFileName = 'restore-pending.json';
const outcomeFileName = 'last-restore.json';

interface PendingRestore {
  id: string;
  requestedAt: number;
}

export function writePendingRestore(dataDir: string, pending: PendingRestore): void {
  writePrivateJson(path.join(ensureBackupsDirectory(dataDir), pendingFileName), pending);
}

export function readRestoreOutcome(dataDir: string): RestoreOutcomeDto | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(backupsDirectory(dataDir), outcomeFileName), 'utf8')) as RestoreOutcomeDto;
  } catch {
    return null;
  }
}

/**
 * Applies a staged restore, if there is one; called before the database opens (at start, and on
 * the restart a restore asks for). The data being replaced is backed up first (`pre-restore`);
 * then the backup is copied in and renamed over the database file, so a crash leaves either the
 * old file or the new one, never a mix. Refused, leaving the data as it was, when the backup is
 * gone or damaged or when another process (the tray app and the CLI share the data directory)
 * has the database open. The outcome is kept for `GET /api/db-backups`; an older backup's schema
 * is brought up to date by the migrations that run next, as on any start.
 */
export function applyPendingRestore(dataDir: string, now: () => number = Date.now): RestoreOutcomeDto | undefined {
  const directory = backupsDirectory(dataDir);
  const pendingFile = path.join(directory, pendingFileName);
  let pending: PendingRestore;
  try {
    pending = JSON.parse(fs.readFileSync(pendingFile, 'utf8')) as PendingRestore;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    fs.rmSync(pendingFile, { force: true });
    return recordOutcome(dataDir, { status: 'failed', id: '', at: now(), message: 'The staged restore could not be read; nothing was restored.', preRestoreId: null });
  }
  // Gone before anything else: a restore that fails halfway is never retried at every start.
  fs.rmSync(pendingFile, { force: true });
  const failed = (message: string, preRestoreId: string | null = null): RestoreOutcomeDto =>
    recordOutcome(dataDir, { status: 'failed', id: pending.id, at: now(), message, preRestoreId });

  const source = path.join(directory, path.basename(pending.id));
  if (!listBackupFiles(dataDir).some((backup) => backup.id === pending.id)) return failed(`The backup '${pending.id}' no longer exists; nothing was restored.`);
  try {
    checkBackupFile(source);
  } catch (error) {
    return failed(`${(error as Error).message} Nothing was restored.`);
  }

  const databaseFile = path.join(dataDir, DATABASE_FILE_NAME);
  let preRestoreId: string | null = null;
  if (fs.existsSync(databaseFile)) {
    // A database too damaged to open is what a restore is often for: it is kept as it is, then replaced.
    let current: BetterSqlite3.Database | undefined;
    try {
      current = new BetterSqlite3(databaseFile, { timeout: 0 });
    } catch {
      current = undefined;
    }
    try {
      if (current && inUseElsewhere(current)) {
        return failed('Another OmniRoute process has this data directory open (the desktop app or `omniroute serve`); nothing was restored. Stop it and restore again, or restore from its dashboard.');
      }
      const { id } = freeBackupName(directory, now(), 'pre-restore');
      preRestoreId = id;
      const copy = path.join(directory, id);
      try {
        if (!current) throw new Error('the database cannot be opened');
        current.prepare('VACUUM INTO ?').run(copy);
      } catch {
        fs.rmSync(copy, { force: true });
        fs.copyFileSync(databaseFile, copy);
      }
      fs.chmodSync(copy, ownerOnlyFile);
    } catch (error) {
      return failed(`The current data could not be backed up first (${(error as Error).message}); nothing was restored.`);
    } finally {
      current?.close();
    }
  }
  const incoming = `${databaseFile}.restoring`;
  try {
    fs.copyFileSync(source, incoming);
    fs.chmodSync(incoming, ownerOnlyFile);
    fs.rmSync(`${databaseFile}-wal`, { force: true });
    fs.rmSync(`${databaseFile}-shm`, { force: true });
    fs.renameSync(incoming, databaseFile);
  } catch (error) {
    fs.rmSync(incoming, { force: true });
    return failed(`Copying the backup in failed (${(error as Error).message}); the data is as it was.`, preRestoreId);
  }
  pruneBackups(dataDir, 'pre-restore');
  return recordOutcome(dataDir, {
    status: 'restored',
    id: pending.id,
    at: now(),
    message: preRestoreId ? `Restored '${pending.id}'. The data it replaced is in the backup '${preRestoreId}'.` : `Restored '${pending.id}'.`,
    preRestoreId,
  });
}

/**
 * Whether another connection has the database open. Leaving WAL mode needs the only connection:
 * with another one open, SQLite refuses (busy) or stays in WAL. A database too damaged to say
 * counts as not in use (it is kept as it is, then replaced).
 */
function inUseElsewhere(database: BetterSqlite3.Database): boolean {
  try {
    return database.pragma('journal_mode = DELETE', { simple: true }) !== 'delete';
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
  }
}

function recordOutcome(dataDir: string, outcome: RestoreOutcomeDto): RestoreOutcomeDto {
  writePrivateJson(path.join(ensureBackupsDirectory(dataDir), outcomeFileName), outcome);
  return outcome;
}

function writePrivateJson(file: string, value: unknown): void {
  const temporary = `${file}.partial`;
  fs.writeFileSync(temporary, JSON.stringify(value), { mode: ownerOnlyFile });
  fs.renameSync(temporary, file);
}
