/**
 * Resident memory of a measured process, read from `/proc/<pid>/status` by the bench itself so that
 * sampling never wakes the measured process or adds work to it.
 */
import { readFileSync } from 'node:fs';

/** Current VmRSS of a process in bytes, or undefined if the process is gone. */
export function readResidentBytes(pid: number): number | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
}

/** Samples the RSS of some processes on an interval and keeps the peak of each. */
export class PeakResidentSampler {
  private readonly peaks = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pids: number[],
    private readonly intervalMilliseconds = 10,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMilliseconds);
  }

  /** Stops sampling (after one last sample) and returns the peak RSS in bytes per pid. */
  stop(): Map<number, number> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    return new Map(this.peaks);
  }

  private sample(): void {
    for (const pid of this.pids) {
      const bytes = readResidentBytes(pid);
      if (bytes !== undefined && bytes > (this.peaks.get(pid) ?? 0)) this.peaks.set(pid, bytes);
    }
  }
}
