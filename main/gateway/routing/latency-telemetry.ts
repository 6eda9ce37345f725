/** Weight of the newest sample in the moving average. */
const smoothing = 0.2;

/**
 * Live time to first byte per target (`provider/model`), as a moving average, for the
 * least-latency strategy. In memory and O(1); the persisted percentiles of
 * `/api/telemetry/summary` come from the usage records.
 */
export class LatencyTelemetry {
  readonly #firstByteByTarget = new Map<string, number>();

  record(target: string, firstByteMs: number): void {
    const previous = this.#firstByteByTarget.get(target);
    this.#firstByteByTarget.set(target, previous === undefined ? firstByteMs : previous + smoothing * (firstByteMs - previous));
  }

  /** Moving average of time to first byte, undefined before the first sample. */
  firstByteMs(target: string): number | undefined {
    return this.#firstByteByTarget.get(target);
  }

  reset(): void {
    this.#firstByteByTarget.clear();
  }
}
