import { useState } from 'react';
import type { TunnelStatusDto } from '../../../shared/tunnels.js';
import { errorMessage } from '../api/client.js';
import { tunnels } from '../api/endpoints.js';
import { CopyButton } from '../components/copy-button.js';
import { ErrorMessage } from '../components/error-message.js';

interface TunnelCardProps {
  tunnel: TunnelStatusDto;
  /** Reload every tunnel after a change; the server is the only source of truth. */
  onChanged: () => Promise<void>;
}

const stateLabels: Record<TunnelStatusDto['state'], string> = {
  stopped: 'Stopped',
  starting: 'Starting…',
  running: 'Running',
  restarting: 'Restarting…',
  error: 'Failed',
};

/** One tunnel kind: installed or where to get it, its public URL while it runs, start and stop. */
export function TunnelCard({ tunnel, onChanged }: TunnelCardProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const titleId = `tunnel-${tunnel.kind}-title`;
  const active = tunnel.state !== 'stopped' && tunnel.state !== 'error';

  const act = async (action: 'enable' | 'disable'): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await tunnels.act(tunnel.kind, action);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      await onChanged();
      setBusy(false);
    }
  };

  return (
    <article className="card provider" aria-labelledby={titleId} data-tunnel={tunnel.kind}>
      <header className="provider-header">
        <h3 id={titleId}>{tunnel.label}</h3>
        <span className={tunnel.installed ? 'badge badge-ok' : 'badge badge-muted'}>{tunnel.installed ? 'Installed' : 'Not installed'}</span>
        <span className={tunnel.state === 'running' ? 'badge badge-ok' : tunnel.state === 'error' ? 'badge badge-off' : 'badge badge-muted'} data-testid="tunnel-state">
          {stateLabels[tunnel.state]}
        </span>
      </header>
      <dl className="facts">
        <div>
          <dt>Program</dt>
          <dd>
            {tunnel.commandPath ? (
              <code>{tunnel.commandPath}</code>
            ) : (
              <>
                {tunnel.installHint}{' '}
                <a href={tunnel.installUrl} target="_blank" rel="noreferrer noopener">
                  Download {tunnel.command}
                </a>
              </>
            )}
          </dd>
        </div>
        {tunnel.apiUrl ? (
          <div>
            <dt>Public base URL</dt>
            <dd>
              <code data-testid="tunnel-url">{tunnel.apiUrl}</code> <CopyButton text={tunnel.apiUrl} what={`${tunnel.label} URL`} />
            </dd>
          </div>
        ) : null}
        {tunnel.restarts > 0 ? (
          <div>
            <dt>Restarts</dt>
            <dd>{tunnel.restarts}</dd>
          </div>
        ) : null}
      </dl>
      {tunnel.lastError ? <p className="message message-error">{tunnel.lastError}</p> : null}
      <div className="actions">
        {active ? (
          <button type="button" className="button" onClick={() => void act('disable')} disabled={busy}>
            Stop
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={() => void act('enable')} disabled={busy || !tunnel.installed}>
            {busy ? 'Starting…' : 'Start'}
          </button>
        )}
      </div>
      <ErrorMessage message={error} />
    </article>
  );
}
