import { useEffect, useState } from 'react';
import type { AuditLogDto } from '../../../shared/api-types.js';
import { errorMessage } from '../api/client.js';
import { auditLog } from '../api/endpoints.js';
import { DataTable } from '../components/data-table.js';
import { ErrorMessage } from '../components/error-message.js';

type AuditEntryDto = AuditLogDto['data'][number];

const pageSize = 20;
const actors: Record<AuditEntryDto['actor'], string> = { token: 'Management token', session: 'Dashboard', none: 'Not signed in' };
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * The management audit trail (`/api/compliance/audit-log`): changes made to this router and
 * refused attempts, newest first, a page at a time. `refresh` changes after each save, so the
 * save itself shows up at once.
 */
export function AuditLogSection({ refresh }: { refresh: number }) {
  const [entries, setEntries] = useState<AuditEntryDto[]>();
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  const load = async (before?: number): Promise<void> => {
    setLoading(true);
    try {
      const page = await auditLog.list(pageSize, before);
      setEntries((shown) => (before === undefined ? page.data : [...(shown ?? []), ...page.data]));
      setTotal(page.total);
      setError(undefined);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load();
  }, [refresh]);

  const last = entries?.at(-1);
  return (
    <section className="card" aria-labelledby="audit-log-title">
      <h2 id="audit-log-title">Activity</h2>
      <p className="hint block">Every change made to this router, by this dashboard or with the management token, and every refused attempt. Never a key.</p>
      <ErrorMessage message={error} />
      {entries === undefined ? (
        error ? null : <p className="loading">Loading activity…</p>
      ) : entries.length === 0 ? (
        <p className="empty">No changes yet.</p>
      ) : (
        <DataTable columns={['When', 'Who', 'Request', { label: 'Result', numeric: true }]} label="Activity">
          {entries.map((entry) => (
            <tr key={entry.id} data-audit={entry.id}>
              <th scope="row" className="nowrap">
                {dateFormat.format(new Date(entry.at))}
              </th>
              <td title={entry.origin ? `${entry.address}, ${entry.origin}` : entry.address}>{actors[entry.actor]}</td>
              <td>
                <code>
                  {entry.method} {entry.path}
                </code>
              </td>
              <td className="numeric">
                <span className={entry.status >= 400 ? 'badge badge-off' : 'badge'}>{entry.status}</span>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {entries && last && entries.length < total ? (
        <div className="actions">
          <button type="button" className="button" disabled={loading} onClick={() => void load(last.id)}>
            {loading ? 'Loading…' : 'Older'}
          </button>
          <span className="hint">
            {entries.length} of {total}
          </span>
        </div>
      ) : null}
    </section>
  );
}
