import type { BackupDto, BackupReason } from '../../../shared/backups-types.js';
import { formatByteSize } from '../../../shared/byte-size.js';
import { dbBackups } from '../api/endpoints.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { DataTable } from '../components/data-table.js';
import { formatBackupDate } from './format.js';

interface BackupListProps {
  backups: BackupDto[];
  /** Off when nothing hosts the router (it cannot restart to restore). */
  restoreAvailable: boolean;
  /** Off while a restore or a backup is under way. */
  busy: boolean;
  onRestore: (backup: BackupDto) => void;
  onDelete: (backup: BackupDto) => void;
}

export const reasonLabels: Record<BackupReason, string> = {
  manual: 'Manual',
  scheduled: 'Daily',
  'pre-restore': 'Before restore',
  import: 'Imported',
};

/** The backups in the data directory, newest first: download, restore or delete each. */
export function BackupList({ backups, restoreAvailable, busy, onRestore, onDelete }: BackupListProps) {
  if (backups.length === 0) return <p className="empty">No backups yet.</p>;
  return (
    <DataTable columns={['Created', 'Kind', { label: 'Size', numeric: true }]} actions>
      {backups.map((backup) => {
        const created = formatBackupDate(backup.createdAt);
        return (
          <tr key={backup.id} data-backup={backup.id}>
            <th scope="row" className="nowrap" title={backup.id}>
              {created}
            </th>
            <td>{reasonLabels[backup.reason]}</td>
            <td className="numeric">{formatByteSize(backup.sizeBytes)}</td>
            <td className="cell-actions">
              <span className="row-actions">
                <a className="button" href={dbBackups.downloadUrl(backup.id)} download={backup.id} aria-label={`Download the backup of ${created}`}>
                  Download
                </a>
                <ConfirmButton
                  label="Restore"
                  question={`Restore the backup of ${created}? The current data is backed up first, then the router restarts.`}
                  confirmLabel="Yes, restore"
                  onConfirm={() => onRestore(backup)}
                  disabled={busy || !restoreAvailable}
                />
                <ConfirmButton label="Delete" question={`Delete the backup of ${created}?`} confirmLabel="Yes, delete" onConfirm={() => onDelete(backup)} disabled={busy} />
              </span>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
