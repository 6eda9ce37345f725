import { useCallback, useEffect, useState } from 'react';
import type { RequestLogDto } from '../../../shared/routing-state-types.js';
import type { Settings } from '../../../shared/settings.js';
import { errorMessage } from '../api/client.js';
import { settings as settingsApi, usage } from '../api/endpoints.js';
import { useLatestLoad } from '../api/use-latest-load.js';
import { ErrorMessage } from '../components/error-message.js';
import { formatCount, formatDateTime } from './format.js';

const pageSize = 10;

/**
 * Captured request and response bodies (`GET /api/usage/request-logs`), for debugging a client.
 * Capture is off by default: bodies hold prompts, so it is switched on here deliberately.
 */
export function RequestLogSection() {
  const [limit, setLimit] = useState(pageSize);
  const [logs, setLogs] = useState<{ enabled: boolean; data: RequestLogDto[]; total: number }>();
  const [current, setCurrent] = useState<Settings>();
  const [error, setError] = useState<string>();
  const latestLoad = useLatestLoad(setError);

  const load = useCallback(
    () =>
      latestLoad(
        () => Promise.all([usage.requestLogs({ limit, offset: 0 }), settingsApi.get()]),
        ([answer, settings]) => {
          setLogs(answer);
          setCurrent(settings);
        },
      ),
    [limit, latestLoad],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const toggle = async (enabled: boolean): Promise<void> => {
    if (!current) return;
    try {
      await settingsApi.update({ requestLogs: { ...current.requestLogs, enabled } });
      await load();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <section className="card" aria-labelledby="request-logs-title">
      <h2 id="request-logs-title">Captured requests</h2>
      <p className="hint">
        When on, each request’s headers and bodies are kept (secrets redacted, bodies cut at {formatCount(current?.requestLogs.maxBodyBytes ?? null)} bytes) and pruned with the request history.
      </p>
      <ErrorMessage message={error} />
      {logs && current ? (
        <div className="field-check">
          <input id="capture-requests" type="checkbox" checked={logs.enabled} onChange={(event) => void toggle(event.target.checked)} />
          <label htmlFor="capture-requests">Capture request and response bodies</label>
        </div>
      ) : null}
      {logs && logs.data.length === 0 ? <p className="empty">No captured requests.</p> : null}
      <div className="captures">
        {logs?.data.map((log) => (
          <details key={log.requestId} data-capture={log.requestId}>
            <summary>
              <code>{log.requestId}</code> {formatDateTime(log.createdAt)} · {formatCount(log.requestBytes)} bytes in, {formatCount(log.responseBytes)} out{log.truncated ? ' · cut at the size cap' : ''}
            </summary>
            <h3>Request headers</h3>
            <pre className="diff">{Object.entries(log.requestHeaders).map(([name, value]) => `${name}: ${value}`).join('\n')}</pre>
            <h3>Request body</h3>
            <pre className="diff">{log.requestBody}</pre>
            <h3>Response body</h3>
            <pre className="diff">{log.responseBody}</pre>
          </details>
        ))}
      </div>
      {logs && logs.total > logs.data.length ? (
        <button type="button" className="button button-small" onClick={() => setLimit(Math.min(limit + pageSize, 200))}>
          Show more ({formatCount(logs.total - logs.data.length)} older)
        </button>
      ) : null}
    </section>
  );
}
