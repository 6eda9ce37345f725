import { z } from './zod.js';

/** Why a backup was made: by the user, by the daily schedule, before a restore replaced the data, or uploaded. */
export type BackupReason = 'manual' | 'scheduled' | 'pre-restore' | 'import';

/** One backup file in `<dataDir>/backups`, as `GET /api/db-backups` lists it. */
export interface BackupDto {
  /** The file name, e.g. `omniroute-2026-11-22T17-30-00-000Z-manual.sqlite`; names the backup in the API. */
  id: string;
  /** When it was made (ms since the epoch, UTC). */
  createdAt: number;
  reason: BackupReason;
  sizeBytes: number;
}

/** How the last restore went: applied while the router restarted, or refused then (the data stayed as it was). */
export interface RestoreOutcomeDto {
  status: 'restored' | 'failed';
  /** The backup that was (to be) restored. */
  id: string;
  at: number;
  message: string;
  /** The backup of the data the restore replaced, when it was made. */
  preRestoreId: string | null;
}

/** `GET /api/db-backups`. */
export interface BackupsListDto {
  /** Newest first. */
  backups: BackupDto[];
  /** Whether this router can restore (restore restarts it, which needs a host: the CLI or the desktop app). */
  restoreAvailable: boolean;
  /** The daily automatic backup: made when the newest backup is older than a day; the newest `keep` are kept. */
  schedule: { intervalHours: number; keep: number };
  /** How many of each automatic kind are kept (the oldest beyond go); manual backups stay until deleted. */
  retention: Record<Exclude<BackupReason, 'manual'>, number>;
  lastRestore: RestoreOutcomeDto | null;
}

/** `POST /api/db-backups` and `POST /api/db-backups/import`: the restore is staged and the router restarts. */
export interface RestoreAcceptedDto {
  ok: true;
  action: 'restore';
  /** The backup being restored (for an import, the uploaded file, kept as an `import` backup). */
  id: string;
}

/** `POST /api/db-backups`: which backup to restore (an `id` from the list). */
export const restoreBackupSchema = z.strictObject({ id: z.string().check(z.minLength(1)) });
