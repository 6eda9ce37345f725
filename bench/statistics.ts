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

/** The middle value of a list (the mean of the two middle ones for an even count); NaN when empty. */
function middleOf(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  values.sort((left, right) => left - right);
  const half = values.length >> 1;
  return values.length % 2 === 1 ? values[half]! : (values[half - 1]! + values[half]!) / 2;
}

/**
 * Fits a Theil-Sen line through a series (x = 0, 1, ...) and returns its value at the last point
 * over its value at the first: the series' trend. The slope is the median of the slopes between
 * every pair of points and the intercept the median of what the points leave over, so a steady
 * climb shows in full while a few disturbed points (a burst of kernel work lands in one window and
 * doubles it) cannot tilt the line, as they tilt a least-squares fit, most of all at either end.
 */
export function trendEndRatio(series: readonly number[]): number {
  const count = series.length;
  if (count < 2) return Number.NaN;
  const slopes: number[] = [];
  for (let left = 0; left < count; left++) {
    for (let right = left + 1; right < count; right++) slopes.push((series[right]! - series[left]!) / (right - left));
  }
  const slope = middleOf(slopes);
  const first = middleOf(series.map((value, index) => value - slope * index));
  return (first + slope * (count - 1)) / first;
}
