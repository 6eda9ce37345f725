import fs from 'node:fs';
import path from 'node:path';
import { formatByteSize } from '../../shared/byte-size.js';
import { DATABASE_FILE_NAME, openDatabase } from '../store/db.js';
import { createLogger } from '../util/logger.js';
import { adoptImport, checkBackupFile, InvalidBackupError, listBackupFiles, parseBackupFileName, temporaryBackupsFile } from './backup-files.js';
import { Backups } from './backups.js';
import { applyPendingRestore, writePendingRestore } from './pending-restore.js';

/** Where a command writes what it has to say; the CLI passes stdout and stderr. */
export interface CommandOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `omniroute backup`: a backup of the database now, safe while a router uses it (SQLite's online backup). */
export async function backupCommand(dataDir: string, output: CommandOutput): Promise<number> {
  if (!fs.existsSync(path.join(dataDir, DATABASE_FILE_NAME))) {
    output.err(`omniroute: no OmniRoute database in ${dataDir}; nothing to back up.\n`);
    return 1;
  }
  const logger = createLogger({ logDir: path.join(dataDir, 'logs') });
  const db = openDatabase({ dataDir });
  const backups = new Backups({ dataDir, db, logger });
  try {
    const backup = await backups.create('manual');
    output.out(`Backed up to ${path.join(dataDir, 'backups', backup.id)} (${formatByteSize(backup.sizeBytes)}).\n`);
    return 0;
  } finally {
    await backups.close();
    db.close();
    await logger.close();
  }
}

/**
 * `omniroute restore [target]`: puts a backup (by name) or a database file (by path; copied, never
 * moved) in place of the current data, backing that up first. Only while no router has the data
 * directory open; the dashboard restores a running router by restarting it. Without a target, lists
 * the backups.
 */
export function restoreCommand(dataDir: string, target: string | undefined, output: CommandOutput): number {
  const backups = listBackupFiles(dataDir);
  if (target === undefined) {
    if (backups.length === 0) output.out(`No backups in ${path.join(dataDir, 'backups')}.\n`);
    else {
      output.out(`Backups in ${path.join(dataDir, 'backups')}, newest first:\n`);
      for (const backup of backups) output.out(`  ${backup.id}  ${formatByteSize(backup.sizeBytes)}\n`);
      output.out('Restore one with: omniroute restore <name>\n');
    }
    return 0;
  }
  let id: string;
  try {
    if (parseBackupFileName(target) && backups.some((backup) => backup.id === target)) {
      id = target;
      checkBackupFile(path.join(dataDir, 'backups', id));
    } else if (fs.existsSync(target) && fs.statSync(target).isFile()) {
      const copy = temporaryBackupsFile(dataDir, 'upload');
      fs.copyFileSync(target, copy);
      id = adoptImport(dataDir, copy, Date.now()).id;
    } else {
      output.err(`omniroute: '${target}' is neither a backup in ${path.join(dataDir, 'backups')} nor a file. Run 'omniroute restore' to list the backups.\n`);
      return 1;
    }
  } catch (error) {
    if (error instanceof InvalidBackupError) {
      output.err(`omniroute: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  writePendingRestore(dataDir, { id, requestedAt: Date.now() });
  const outcome = applyPendingRestore(dataDir);
  if (outcome?.status === 'restored') {
    // Brought up to this version's schema now, so a refusal (a damaged file) shows here, not at the next start.
    openDatabase({ dataDir }).close();
    output.out(`${outcome.message}\n`);
    return 0;
  }
  output.err(`omniroute: ${outcome?.message ?? 'nothing was restored.'}\n`);
  return 1;
}
