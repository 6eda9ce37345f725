import { useState } from 'react';
import { formatCost, formatCount } from './format.js';
import type { UsageBucket } from './usage-range.js';

const metrics = {
  requests: { label: 'Requests', format: formatCount },
  tokens: { label: 'Tokens (input + output)', format: formatCount },
  cost: { label: 'Cost', format: formatCost },
} as const;

type Metric = keyof typeof metrics;

interface UsageChartProps {
  buckets: UsageBucket[];
  granularity: 'hour' | 'day';
}

// The chart is drawn in a 100-unit-high box and stretched to the card's width by CSS.
const height = 100;
const barWidth = 10;

/**
 * Bars per hour or day, as plain SVG (no chart library, nothing inline the CSP would refuse).
 * Every bar has a title with its exact figure; the totals above the chart are the accessible summary.
 */
export function UsageChart({ buckets, granularity }: UsageChartProps) {
  const [metric, setMetric] = useState<Metric>('requests');
  const { label, format } = metrics[metric];
  const values = buckets.map((bucket) => bucket[metric]);
  const peak = Math.max(0, ...values);
  const timeFormat = new Intl.DateTimeFormat(undefined, granularity === 'hour' ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric' });
  const first = buckets[0];
  const last = buckets.at(-1);
  return (
    <figure className="chart">
      <div className="chart-header">
        <figcaption>
          {label} per {granularity}, peak {format(peak)}
        </figcaption>
        <label className="inline-field">
          <span>Show</span>
          <select value={metric} onChange={(event) => setMetric(event.target.value as Metric)}>
            {Object.entries(metrics).map(([id, entry]) => (
              <option key={id} value={id}>
                {entry.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <svg className="chart-bars" viewBox={`0 0 ${buckets.length * barWidth} ${height}`} preserveAspectRatio="none" role="img" aria-label={`${label} per ${granularity}; peak ${format(peak)}`}>
        {buckets.map((bucket, index) => {
          const value = values[index] ?? 0;
          const barHeight = peak === 0 ? 0 : Math.max((value / peak) * height, value > 0 ? 1 : 0);
          return (
            <rect key={bucket.start} className={bucket.errors > 0 ? 'chart-bar chart-bar-errors' : 'chart-bar'} x={index * barWidth + 1} y={height - barHeight} width={barWidth - 2} height={barHeight}>
              <title>{`${timeFormat.format(bucket.start)}: ${format(value)}${bucket.errors > 0 ? ` (${bucket.errors} failed)` : ''}`}</title>
            </rect>
          );
        })}
      </svg>
      {first && last ? (
        <div className="chart-axis" aria-hidden="true">
          <span>{timeFormat.format(first.start)}</span>
          <span>{timeFormat.format(last.start)}</span>
        </div>
      ) : null}
      {buckets.some((bucket) => bucket.errors > 0) ? <p className="hint">Orange bars are {granularity}s with failed requests.</p> : null}
    </figure>
  );
}
