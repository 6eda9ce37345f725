import { useCallback, useEffect, useState } from 'react';
import type { UsageTotalsDto } from '../../../shared/usage-types.js';
import { usage } from '../api/endpoints.js';
import { useLatestLoad } from '../api/use-latest-load.js';
import { ErrorMessage } from '../components/error-message.js';
import { formatCost, formatCount, formatMs } from './format.js';
import { UsageChart } from './usage-chart.js';
import { rangeStart, toBuckets, usageRanges, type UsageBucket, type UsageRangeId } from './usage-range.js';

interface Loaded {
  /** The range these figures are for: the chart labels its bars by it, not by the selection, which changes first. */
  range: UsageRangeId;
  totals: UsageTotalsDto;
  buckets: UsageBucket[];
}

/** Totals over a range and the chart of its hours or days, from `GET /api/usage/history`. */
export function UsageSummary() {
  const [range, setRange] = useState<UsageRangeId>('24h');
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const latestLoad = useLatestLoad(setError);

  const load = useCallback(() => {
    const now = Date.now();
    return latestLoad(
      () => usage.history({ granularity: usageRanges[range].granularity, from: new Date(rangeStart(range, now)).toISOString() }),
      (history) => setLoaded({ range, totals: history.totals, buckets: toBuckets(history.data, range, now) }),
    );
  }, [range, latestLoad]);

  useEffect(() => {
    void load();
  }, [load]);

  const totals = loaded?.totals;
  const figures: [string, string, string][] = totals
    ? [
        ['requests', 'Requests', formatCount(totals.requests)],
        ['errors', 'Failed', formatCount(totals.errors)],
        ['input', 'Input tokens', formatCount(totals.inputTokens)],
        ['output', 'Output tokens', formatCount(totals.outputTokens)],
        ['cached', 'Cached input tokens', formatCount(totals.cachedInputTokens)],
        ['cost', 'Cost', formatCost(totals.cost)],
        ['latency', 'Average latency', formatMs(totals.averageLatencyMs)],
      ]
    : [];

  return (
    <section className="card" aria-labelledby="usage-summary-title">
      <div className="section-header">
        <h2 id="usage-summary-title">Summary</h2>
        <label className="inline-field">
          <span>Range</span>
          <select value={range} onChange={(event) => setRange(event.target.value as UsageRangeId)}>
            {Object.entries(usageRanges).map(([id, entry]) => (
              <option key={id} value={id}>
                {entry.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button-small" onClick={() => void load()}>
          Refresh
        </button>
      </div>
      <ErrorMessage message={error} />
      {loaded === undefined && !error ? <p className="loading">Loading usage…</p> : null}
      {totals ? (
        <dl className="totals" aria-label="Totals">
          {figures.map(([id, label, value]) => (
            <div key={id} data-total={id}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {loaded ? <UsageChart buckets={loaded.buckets} granularity={usageRanges[loaded.range].granularity} /> : null}
    </section>
  );
}
