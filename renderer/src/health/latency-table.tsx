import type { TelemetrySummaryDto } from '../../../shared/routing-state-types.js';
import { DataTable } from '../components/data-table.js';
import { formatCount, formatMs } from '../usage/format.js';

interface LatencyTableProps {
  summary: TelemetrySummaryDto;
}

/** Latency percentiles of successful requests per provider, over the last 24 hours. */
export function LatencyTable({ summary }: LatencyTableProps) {
  const rows = Object.entries(summary.providers);
  if (rows.length === 0) return <p className="empty">No successful requests in the last 24 hours.</p>;
  return (
    <DataTable columns={['Provider', { label: 'Requests', numeric: true }, { label: 'Median', numeric: true }, { label: '95th percentile', numeric: true }, { label: '99th percentile', numeric: true }]} compact label="Latency per provider">
      {rows.map(([provider, figures]) => (
        <tr key={provider} data-latency={provider}>
          <th scope="row">{provider}</th>
          <td className="numeric">{formatCount(figures.count)}</td>
          <td className="numeric">{formatMs(figures.p50)}</td>
          <td className="numeric">{formatMs(figures.p95)}</td>
          <td className="numeric">{formatMs(figures.p99)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
