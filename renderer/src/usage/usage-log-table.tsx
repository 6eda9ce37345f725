import type { UsageLogDto } from '../../../shared/usage-types.js';
import { DataTable, type Column } from '../components/data-table.js';
import { formatCost, formatCount, formatMs, formatShortDateTime } from './format.js';

interface UsageLogTableProps {
  rows: UsageLogDto[];
}

function outcome(row: UsageLogDto): string {
  const route = [row.fallback ? 'fallback' : undefined, row.attempts > 1 ? `${row.attempts} attempts` : undefined, row.cacheHit ? 'cache hit' : undefined].filter(Boolean);
  return route.join(', ');
}

/** Column headings; figures are aligned right. */
const columns: Column[] = [
  'Time',
  'Model',
  'Status',
  { label: 'Input', numeric: true },
  { label: 'Output', numeric: true },
  { label: 'Cached', numeric: true },
  { label: 'Cost', numeric: true },
  { label: 'Latency', numeric: true },
  { label: 'First token', numeric: true },
  'Routing',
];

/** Requests, newest first, with what each cost and how it was routed. */
export function UsageLogTable({ rows }: UsageLogTableProps) {
  if (rows.length === 0) return <p className="empty">No requests match.</p>;
  return (
    <DataTable columns={columns} compact>
      {rows.map((row) => (
        <tr key={row.id} data-request-id={row.requestId}>
          <td className="nowrap">
            <time dateTime={row.startedAt}>{formatShortDateTime(row.startedAt)}</time>
          </td>
          <td>
            <code>{row.model ?? row.requestedModel}</code>
            {row.model !== null && row.model !== row.requestedModel ? <span className="hint"> asked for {row.requestedModel}</span> : null}
            {row.notes.map((note) => (
              <span key={note} className="hint block">
                {note}
              </span>
            ))}
          </td>
          <td data-cell="status">
            <span className={row.status < 400 ? 'badge badge-ok' : 'badge badge-off'}>{row.status}</span>
            {row.errorCode ? <span className="hint block">{row.errorCode}</span> : null}
          </td>
          <td className="numeric" data-cell="input">
            {formatCount(row.inputTokens)}
          </td>
          <td className="numeric" data-cell="output">
            {formatCount(row.outputTokens)}
          </td>
          <td className="numeric" data-cell="cached">
            {formatCount(row.cachedInputTokens)}
          </td>
          <td className="numeric" data-cell="cost">
            {formatCost(row.cost)}
          </td>
          <td className="numeric">{formatMs(row.latencyMs)}</td>
          <td className="numeric">{formatMs(row.ttftMs)}</td>
          <td data-cell="routing">
            {row.provider ?? '–'}
            {outcome(row) ? <span className="hint block">{outcome(row)}</span> : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
