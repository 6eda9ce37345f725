/** Order statistics over per-request timings. */

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** `numerator / denominator`, or NaN when either is missing or the denominator is zero. */
export function ratio(numerator: number | undefined, denominator: number | undefined): number {
  if (numerator === undefined || denominator === undefined || denominator === 0) return Number.NaN;
  return numerator / denominator;
}

/**
 * Fits a least-squares line through a series (x = 0, 1, ...) and returns its value at the last
 * point over its value at the first: the trend of the series without the noise of its two ends.
 */
export function fittedEndRatio(series: readonly number[]): number {
  const count = series.length;
  if (count < 2) return Number.NaN;
  const meanX = (count - 1) / 2;
  const meanY = series.reduce((sum, value) => sum + value, 0) / count;
  let covariance = 0;
  let variance = 0;
  series.forEach((value, index) => {
    covariance += (index - meanX) * (value - meanY);
    variance += (index - meanX) ** 2;
  });
  const slope = covariance / variance;
  const first = meanY - slope * meanX;
  const last = meanY + slope * meanX;
  return last / first;
}
