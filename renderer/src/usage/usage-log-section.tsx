import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { UsageLogDto } from '../../../shared/usage-types.js';
import { usage, type UsageLogQuery } from '../api/endpoints.js';
import { useLatestLoad } from '../api/use-latest-load.js';
import { ErrorMessage } from '../components/error-message.js';
import { formatCount } from './format.js';
import { UsageLogTable } from './usage-log-table.js';

const pageSize = 20;

type Filters = Pick<UsageLogQuery, 'provider' | 'model' | 'status'>;

/** The request log (`GET /api/usage/logs`): filtered by provider, model and outcome, a page at a time. */
export function UsageLogSection() {
  const [draft, setDraft] = useState<Filters>({ provider: '', model: '', status: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [offset, setOffset] = useState(0);
  // The rows shown and the offset they start at: the pager counts from these, not from the offset
  // asked for, which changes before its rows arrive.
  const [page, setPage] = useState<{ rows: UsageLogDto[]; total: number; offset: number }>();
  const [error, setError] = useState<string>();
  const latestLoad = useLatestLoad(setError);

  const load = useCallback(
    () => latestLoad(() => usage.logs({ ...filters, limit: pageSize, offset }), (answer) => setPage({ rows: answer.data, total: answer.total, offset })),
    [filters, offset, latestLoad],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const apply = (event: FormEvent): void => {
    event.preventDefault();
    setOffset(0);
    setFilters({ ...draft, provider: draft.provider?.trim(), model: draft.model?.trim() });
  };

  const last = page ? Math.min(page.offset + page.rows.length, page.total) : 0;

  return (
    <section aria-labelledby="usage-log-title">
      <h2 id="usage-log-title">Requests</h2>
      <form className="filters" aria-label="Filter requests" onSubmit={apply}>
        <label className="inline-field">
          <span>Provider</span>
          <input value={draft.provider} onChange={(event) => setDraft({ ...draft, provider: event.target.value })} />
        </label>
        <label className="inline-field">
          <span>Model</span>
          <input value={draft.model} placeholder="provider/model" onChange={(event) => setDraft({ ...draft, model: event.target.value })} />
        </label>
        <label className="inline-field">
          <span>Outcome</span>
          <select value={draft.status} onChange={(event) => setDraft({ ...draft, status: event.target.value })}>
            <option value="">All</option>
            <option value="success">Succeeded</option>
            <option value="error">Failed</option>
          </select>
        </label>
        <button type="submit" className="button">
          Filter
        </button>
      </form>
      <ErrorMessage message={error} />
      {page === undefined && !error ? <p className="loading">Loading requests…</p> : null}
      {page ? <UsageLogTable rows={page.rows} /> : null}
      {page && page.total > 0 ? (
        <nav className="pager" aria-label="Request pages">
          <button type="button" className="button button-small" disabled={page.offset === 0} onClick={() => setOffset(Math.max(0, page.offset - pageSize))}>
            Newer
          </button>
          <span role="status">
            {formatCount(page.offset + 1)}–{formatCount(last)} of {formatCount(page.total)}
          </span>
          <button type="button" className="button button-small" disabled={last >= page.total} onClick={() => setOffset(page.offset + pageSize)}>
            Older
          </button>
          <button type="button" className="button button-small" onClick={() => void load()}>
            Refresh
          </button>
        </nav>
      ) : null}
    </section>
  );
}
