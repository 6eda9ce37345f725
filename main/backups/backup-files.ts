import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { BackupDto, BackupReason } from '../../shared/backups-types.js';
import { inspectDatabase, type DatabaseInspection } from '../store/inspect-database.js';

/** How many backups of each automatic kind are kept (the oldest go first); manual ones stay until deleted. */
export const keptBackups: Readonly<Record<Exclude<BackupReason, 'manual'>, number>> = { scheduled: 7, 'pre-restore': 5, import: 5 };

/** Files on their way in or out of the backups folder end with this; never listed, and removed if left behind. */
export const temporarySuffix = '.partial';

/** Backups live in `<dataDir>/backups`, owner-only like the database they copy. */
export const backupsDirectoryName = 'backups';
export const ownerOnlyFile = 0o600;
export const ownerOnlyDirectory = 0o700;

const fileNamePattern = /^omniroute-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(manual|scheduled|pre-restore|import)\.sqlite$/;

/** A UTC time for file names: sortable, and without the colons Windows refuses. */
export function fileStamp(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

/** A backup's file name: its time and why it was made. */
export function backupFileName(at: number, reason: BackupReason): string {
  return `omniroute-${fileStamp(at)}-${reason}.sqlite`;
}

/** A name for a new backup made at `at` that no file in `directory` has yet (a later millisecond if taken). */
export function freeBackupName(directory: string, at: number, reason: BackupReason): { id: string; createdAt: number } {
  let createdAt = at;
  while (fs.existsSync(path.join(directory, backupFileName(createdAt, reason)))) createdAt += 1;
  return { id: backupFileName(createdAt, reason), createdAt };
}

/** Puts a database file in rollback-journal mode, as every backup is, so it opens read-only without `-wal`/`-shm` companions. */
export function toRollbackJournal(file: string): void {
  const database = new BetterSqlite3(file, { fileMustExist: true });
  try {
    database.pragma('journal_mode = DELETE');
  } finally {
    database.close();
  }
}

/** What a file name says of its backup, or undefined when the name is not one of ours (never a path). */
export function parseBackupFileName(name: string): { createdAt: number; reason: BackupReason } | undefined {
  const match = fileNamePattern.exec(name);
  if (!match) return undefined;
  const [, day, hours, minutes, seconds, millis, reason] = match;
  const createdAt = Date.parse(`${day}T${hours}:${minutes}:${seconds}.${millis}Z`);
  return Number.isNaN(createdAt) ? undefined : { createdAt, reason: reason as BackupReason };
}

export function backupsDirectory(dataDir: string): string {
  return path.join(dataDir, backupsDirectoryName);
}

export function ensureBackupsDirectory(dataDir: string): string {
  const directory = backupsDirectory(dataDir);
  fs.mkdirSync(directory, { recursive: true, mode: ownerOnlyDirectory });
  fs.chmodSync(directory, ownerOnlyDirectory);
  return directory;
}

/** The backups in the data directory, newest first; files that are not backups are ignored. */
export function listBackupFiles(dataDir: string): BackupDto[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupsDirectory(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const backups: BackupDto[] = [];
  for (const name of names) {
    const parsed = parseBackupFileName(name);
    if (!parsed) continue;
    try {
      backups.push({ id: name, ...parsed, sizeBytes: fs.statSync(path.join(backupsDirectory(dataDir), name)).size });
    } catch {
      // Deleted between listing and stat: not a backup any more.
    }
  }
  return backups.sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
}

/** Why a file cannot be restored; the message is shown to the user as it is. */
export class InvalidBackupError extends Error {
  override name = 'InvalidBackupError';
}

/**
 * Checks that a file is an OmniRoute database this version can open: SQLite, intact
 * (`quick_check`), with OmniRoute's tables, and not from a newer OmniRoute (its schema would be
 * unknown here; an older one is migrated when restored). Opens it read-only: nothing is written.
 */
export function checkBackupFile(file: string): void {
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new InvalidBackupError(`The file cannot be opened as a database: ${(error as Error).message}.`);
  }
  try {
    let inspection: DatabaseInspection;
    try {
      inspection = inspectDatabase(database);
    } catch (error) {
      throw new InvalidBackupError(`The file is not an SQLite database (${(error as Error).message}).`);
    }
    const { health, schemaVersion, knownVersion } = inspection;
    if (health !== 'ok') throw new InvalidBackupError(`The database is damaged: ${health}.`);
    if (!inspection.omniRouteTables || schemaVersion === undefined) {
      throw new InvalidBackupError('The database is not an OmniRoute database (it has no OmniRoute tables).');
    }
    if (schemaVersion > knownVersion) {
      throw new InvalidBackupError(`The backup comes from a newer OmniRoute (schema version ${schemaVersion}; this version knows up to ${knownVersion}). Update OmniRoute to restore it.`);
    }
  } finally {
    database.close();
  }
}

/** Deletes the oldest automatic backups of one kind beyond what keptBackups keeps. */
export function pruneBackups(dataDir: string, reason: BackupReason): void {
  if (reason === 'manual') return;
  for (const old of listBackupFiles(dataDir).filter((backup) => backup.reason === reason).slice(keptBackups[reason])) {
    fs.rmSync(path.join(backupsDirectory(dataDir), old.id), { force: true });
  }
}

/** A fresh temporary name in the backups folder (see temporarySuffix). */
export function temporaryBackupsFile(dataDir: string, kind: 'upload' | 'export'): string {
  return path.join(ensureBackupsDirectory(dataDir), `${kind}-${randomBytes(8).toString('hex')}${temporarySuffix}`);
}

/**
 * Keeps a database file that came from outside (an upload, a file named on the command line) as an
 * `import` backup, after checking it (checkBackupFile). `file` must be a copy of ours in the backups
 * folder: it is consumed, renamed into place or removed. Throws InvalidBackupError.
 */
export function adoptImport(dataDir: string, file: string, at: number): BackupDto {
  try {
    toRollbackJournal(file);
  } catch {
    // Not a database (or not a writable one): the check below says which, in the user's terms.
  }
  try {
    checkBackupFile(file);
    const directory = ensureBackupsDirectory(dataDir);
    const { id, createdAt } = freeBackupName(directory, at, 'import');
    fs.chmodSync(file, ownerOnlyFile);
    fs.renameSync(file, path.join(directory, id));
    pruneBackups(dataDir, 'import');
    return { id, createdAt, reason: 'import', sizeBytes: fs.statSync(path.join(directory, id)).size };
  } finally {
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}-journal`, { force: true });
    fs.rmSync(`${file}-wal`, { force: true });
    fs.rmSync(`${file}-shm`, { force: true });
  }
}
