import type { RestoreOutcomeDto } from '../../../shared/backups-types.js';
import { formatBackupDate } from './format.js';

interface RestoreStatusProps {
  /** A restore was accepted and the router is restarting to apply it. */
  restoring: boolean;
  outcome: RestoreOutcomeDto | null;
}

/** Where restoring stands: under way, or how the last restore went. A live region, so both are read out. */
export function RestoreStatus({ restoring, outcome }: RestoreStatusProps) {
  return (
    <div role="status" className="restore-status" data-testid="restore-status">
      {restoring ? (
        <p className="message message-info">
          <strong>Restoring…</strong> The router restarts to apply the backup; this page waits until it answers again.
        </p>
      ) : outcome ? (
        <p className={outcome.status === 'restored' ? 'message message-ok' : 'message message-error'} data-outcome={outcome.status}>
          <strong>{outcome.status === 'restored' ? 'Last restore' : 'Last restore failed'}</strong> ({formatBackupDate(outcome.at)}): {outcome.message}
        </p>
      ) : null}
    </div>
  );
}
