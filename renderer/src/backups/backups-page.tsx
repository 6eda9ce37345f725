import { useCallback, useEffect, useRef, useState } from 'react';
import type { BackupDto, BackupsListDto, RestoreAcceptedDto } from '../../../shared/backups-types.js';
import { errorMessage } from '../api/client.js';
import { dbBackups } from '../api/endpoints.js';
import { useLatestLoad } from '../api/use-latest-load.js';
import { ErrorMessage } from '../components/error-message.js';
import { BackupList } from './backup-list.js';
import { ImportForm } from './import-form.js';
import { RestoreStatus } from './restore-status.js';
import { waitForRestart } from './wait-for-restart.js';

/** Backups: copies of the database, made on demand and daily, to download, restore, export or import. */
export function BackupsPage() {
  const [list, setList] = useState<BackupsListDto>();
  const [error, setError] = useState<string>();
  const [backingUp, setBackingUp] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const latestLoad = useLatestLoad(setError);
  const left = useRef(false);

  const reload = useCallback(() => latestLoad(dbBackups.list, setList), [latestLoad]);
  useEffect(() => {
    left.current = false;
    void reload();
    return () => {
      left.current = true;
    };
  }, [reload]);

  const backUpNow = async (): Promise<void> => {
    setBackingUp(true);
    setError(undefined);
    try {
      await dbBackups.create();
      await reload();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBackingUp(false);
    }
  };

  const remove = async (backup: BackupDto): Promise<void> => {
    try {
      await dbBackups.remove(backup.id);
      await reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  /**
   * Starts a restore (of a listed backup, or of an upload) and, once the server accepted it, follows
   * the restart to its outcome. Where restores stood is read just before, so the outcome of this
   * restore is told apart from an earlier one. Rejects when the server refuses.
   */
  const restore = async (start: () => Promise<RestoreAcceptedDto>): Promise<void> => {
    const before = (await dbBackups.list()).lastRestore;
    await start();
    setError(undefined);
    setRestoring(true);
    void (async () => {
      try {
        const after = await waitForRestart(before, () => left.current);
        if (after) setList(after);
      } catch (failure) {
        if (!left.current) setError(errorMessage(failure));
      } finally {
        if (!left.current) setRestoring(false);
      }
    })();
  };

  const restoreBackup = async (backup: BackupDto): Promise<void> => {
    setError(undefined);
    try {
      await restore(() => dbBackups.restore(backup.id));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  const available = list?.restoreAvailable ?? false;
  const busy = restoring || backingUp;
  return (
    <>
      <RestoreStatus restoring={restoring} outcome={list?.lastRestore ?? null} />
      <p className="lead">
        A backup is a copy of OmniRoute’s database: providers, accounts, combos, aliases, API keys (as hashes), settings, usage, prices and budgets. Provider API
        keys and tokens are not in it: they stay in the OS keychain, so a restored provider whose key was deleted since needs its key again.
      </p>
      {list ? (
        <p className="lead" data-testid="backup-schedule">
          Daily backup: OmniRoute backs up by itself when the newest backup is older than {list.schedule.intervalHours} hours. It keeps the newest{' '}
          {list.schedule.keep} daily backups, {list.retention['pre-restore']} made before a restore and {list.retention.import} imported; manual backups stay until
          you delete them.
        </p>
      ) : null}
      {list && !available ? (
        <p className="message message-info" data-testid="restore-unavailable">
          Restore and Import are off: restoring restarts the router, which needs it to be run by <code>npm start</code>, <code>omniroute serve</code> or the
          desktop app.
        </p>
      ) : null}
      <section aria-labelledby="backups-title">
        <div className="section-header">
          <h2 id="backups-title">Your backups</h2>
          <button type="button" className="button button-primary" onClick={() => void backUpNow()} disabled={busy || list === undefined}>
            {backingUp ? 'Backing up…' : 'Back up now'}
          </button>
        </div>
        <ErrorMessage message={error} />
        {list === undefined && !error ? <p className="loading">Loading backups…</p> : null}
        {list ? (
          <BackupList backups={list.backups} restoreAvailable={available} busy={busy} onRestore={(backup) => void restoreBackup(backup)} onDelete={(backup) => void remove(backup)} />
        ) : null}
      </section>
      <section aria-labelledby="export-title" className="card">
        <h2 id="export-title">Export</h2>
        <p className="hint block">
          The live data, to keep elsewhere or move to another machine (import it there). Never any secret: provider keys stay in this machine’s keychain.
        </p>
        <div className="actions export-links">
          <a className="button" href={dbBackups.exportUrl} download>
            Download the database (.sqlite)
          </a>
          <a className="button" href={dbBackups.exportAllUrl} download>
            Download everything (.tar.gz)
          </a>
        </div>
      </section>
      <ImportForm restoreAvailable={available} busy={busy} onImport={(file) => restore(() => dbBackups.importFile(file))} />
    </>
  );
}
