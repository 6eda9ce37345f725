import type { TelemetrySummaryDto } from '../../../shared/routing-state-types.js';
import { formatCount, formatMs } from '../usage/format.js';

interface LatencyTableProps {
  summary: TelemetrySummaryDto;
}

/** Latency percentiles of successful requests per provider, over the last 24 hours. */
export function LatencyTable({ summary }: LatencyTableProps) {
  const rows = Object.entries(summary.providers);
  if (rows.length === 0) return <p className="empty">No successful requests in the last 24 hours.</p>;
  return (
    <div className="table-wrap">
      <table className="table table-compact" aria-label="Latency per provider">
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col" className="numeric">Requests</th>
            <th scope="col" className="numeric">Median</th>
            <th scope="col" className="numeric">95th percentile</th>
            <th scope="col" className="numeric">99th percentile</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([provider, figures]) => (
            <tr key={provider} data-latency={provider}>
              <th scope="row">{provider}</th>
              <td className="numeric">{formatCount(figures.count)}</td>
              <td className="numeric">{formatMs(figures.p50)}</td>
              <td className="numeric">{formatMs(figures.p95)}</td>
              <td className="numeric">{formatMs(figures.p99)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
