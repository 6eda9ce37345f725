import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupDto, BackupReason, RestoreOutcomeDto } from '../../shared/backups-types.js';
import type { Database } from '../store/database.js';
import type { Logger } from '../util/logger.js';
import { adoptImport, backupsDirectory, checkBackupFile, ensureBackupsDirectory, freeBackupName, InvalidBackupError, keptBackups, listBackupFiles, ownerOnlyFile, parseBackupFileName, pruneBackups, temporaryBackupsFile, temporarySuffix, toRollbackJournal } from './backup-files.js';
import { readRestoreOutcome, writePendingRestore } from './pending-restore.js';

/** The daily backup: checked hourly, made when the newest backup of any kind is older than a day. */
export const backupSchedule = { intervalHours: 24, checkEveryMs: 60 * 60 * 1000, firstCheckAfterMs: 10 * 60 * 1000 };

export interface BackupsOptions {
  dataDir: string;
  db: Database;
  logger: Logger;
  now?: () => number;
}

/**
 * The database's backups in `<dataDir>/backups`: made from the open database with SQLite's online
 * backup (in steps, so requests keep flowing), listed, deleted, and staged for a restore, which
 * the next start applies (pending-restore.ts) before the database opens. Secrets are not in a
 * backup: they live in the OS keychain, and the database only names them.
 */
export class Backups {
  readonly #options: BackupsOptions;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  /** Copies of the database under way, one after another; close() waits for them before the database closes. */
  #copying: Promise<unknown> = Promise.resolve();

  constructor(options: BackupsOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  list(): BackupDto[] {
    return listBackupFiles(this.#options.dataDir);
  }

  lastRestore(): RestoreOutcomeDto | null {
    return readRestoreOutcome(this.#options.dataDir);
  }

  /** The path of a listed backup, or undefined: ids are file names, never paths. */
  fileOf(id: string): string | undefined {
    if (!parseBackupFileName(id)) return undefined;
    const file = path.join(backupsDirectory(this.#options.dataDir), id);
    return fs.existsSync(file) ? file : undefined;
  }

  /** Makes a backup of the live database now (after any copy under way). */
  create(reason: Exclude<BackupReason, 'import'>): Promise<BackupDto> {
    return this.#oneAtATime(() => this.#create(reason));
  }

  /**
   * A consistent copy of the live database at `file` (owner-only, in rollback-journal mode so it
   * opens read-only without companions), written under a temporary name and renamed into place, so
   * no half-written file is ever seen under `file`. After any copy under way.
   */
  snapshot(file: string): Promise<void> {
    return this.#oneAtATime(() => this.#snapshot(file));
  }

  #oneAtATime<T>(copy: () => Promise<T>): Promise<T> {
    const next = this.#copying.then(copy);
    this.#copying = next.catch(() => undefined);
    return next;
  }

  async #create(reason: Exclude<BackupReason, 'import'>): Promise<BackupDto> {
    const directory = ensureBackupsDirectory(this.#options.dataDir);
    const { id, createdAt } = freeBackupName(directory, this.#now(), reason);
    await this.#snapshot(path.join(directory, id));
    pruneBackups(this.#options.dataDir, reason);
    const sizeBytes = fs.statSync(path.join(directory, id)).size;
    this.#options.logger.info('database backed up', { backup: id, sizeBytes });
    return { id, createdAt, reason, sizeBytes };
  }

  async #snapshot(file: string): Promise<void> {
    const temporary = `${file}.${randomBytes(6).toString('hex')}${temporarySuffix}`;
    try {
      fs.writeFileSync(temporary, '', { mode: ownerOnlyFile });
      await this.#options.db.backup(temporary);
      fs.chmodSync(temporary, ownerOnlyFile);
      toRollbackJournal(temporary);
      fs.renameSync(temporary, file);
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }

  /**
   * Keeps an uploaded database as an `import` backup after checking it (see checkBackupFile); the
   * upload arrives at `uploaded`, a file of ours that this consumes. Throws InvalidBackupError.
   */
  adoptUpload(uploaded: string): BackupDto {
    return adoptImport(this.#options.dataDir, uploaded, this.#now());
  }

  /**
   * A fresh name in the backups folder for a file on its way in or out (an upload, an export's
   * snapshot); never listed as a backup, and removed at the next start if left behind.
   */
  temporaryFile(kind: 'upload' | 'export'): string {
    return temporaryBackupsFile(this.#options.dataDir, kind);
  }

  /** Removes temporary files an earlier run left (a crash mid-upload or mid-download); an hour old at least, in case another process is using one. */
  removeLeftovers(): void {
    const directory = ensureBackupsDirectory(this.#options.dataDir);
    for (const name of fs.readdirSync(directory)) {
      if (!name.endsWith(temporarySuffix)) continue;
      const file = path.join(directory, name);
      try {
        if (this.#now() - fs.statSync(file).mtimeMs > 3_600_000) fs.rmSync(file, { force: true });
      } catch {
        // Already gone.
      }
    }
  }

  /** Checks a backup and marks it to be restored at the next start. Throws InvalidBackupError. */
  stageRestore(id: string): void {
    const file = this.fileOf(id);
    if (!file) throw new InvalidBackupError(`No backup named '${id}'.`);
    checkBackupFile(file);
    writePendingRestore(this.#options.dataDir, { id, requestedAt: this.#now() });
    this.#options.logger.info('restore staged; it is applied when the router starts again', { backup: id });
  }

  delete(id: string): boolean {
    const file = this.fileOf(id);
    if (!file) return false;
    fs.rmSync(file, { force: true });
    return true;
  }

  /** Starts the daily backup (first check a while after start, so starting stays instant). */
  startSchedule(): void {
    if (this.#timer) return;
    const check = (): void => {
      this.#timer = setTimeout(check, backupSchedule.checkEveryMs);
      this.#timer.unref();
      void this.backUpIfDue().catch((error: unknown) => this.#options.logger.warn('the daily backup failed', { error: String(error) }));
    };
    this.#timer = setTimeout(check, backupSchedule.firstCheckAfterMs);
    this.#timer.unref();
  }

  /** Makes the scheduled backup when the newest backup is older than the interval; returns it, if made. */
  async backUpIfDue(): Promise<BackupDto | undefined> {
    const newest = this.list()[0];
    if (newest && this.#now() - newest.createdAt < backupSchedule.intervalHours * 3_600_000) return undefined;
    return this.create('scheduled');
  }

  /** Stops the schedule and waits for a backup under way, so the database can close. */
  async close(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#copying;
  }
}

export { InvalidBackupError, keptBackups };
