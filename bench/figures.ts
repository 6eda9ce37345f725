/** The figures the bench produces for each path; also the shape of `.bench/results.json`. */
import type { BenchConfig } from './config.js';
import type { PathName } from './endpoint.js';

export interface NonStreamingFigures {
  concurrency: number;
  requests: number;
  failures: number;
  firstFailure?: string;
  p50Milliseconds: number;
  p99Milliseconds: number;
  requestsPerSecond: number;
  /** CPU of the proxy process per request (µs); absent on the direct path. */
  proxyCpuMicrosecondsPerRequest?: number;
  /** The same for each of the interleaved rounds, in order (see rounds.ts). */
  proxyCpuMicrosecondsPerRequestByRound?: number[];
  upstreamCpuMicrosecondsPerRequest: number;
}

export interface StreamingFigures {
  requests: number;
  failures: number;
  firstFailure?: string;
  firstContentP50Milliseconds: number;
  firstContentP99Milliseconds: number;
  totalP50Milliseconds: number;
  totalP99Milliseconds: number;
  /** Data events per stream the upstream sends (learned on the direct path). */
  expectedChunkCount: number;
  /** Streams whose chunk count differed from the upstream's. */
  chunkCountMismatches: number;
  /** Streams whose reassembled content differed, or that ended without `[DONE]`. */
  contentMismatches: number;
  proxyCpuMicrosecondsPerRequest?: number;
  upstreamCpuMicrosecondsPerRequest: number;
}

export interface PacedFigures {
  streams: number;
  chunkDelayMilliseconds: number;
  /**
   * Median over the streams of the share of content chunks that arrived on their own (a gap of at
   * least half the pacing before them): about 100% when chunks are forwarded as they come, near 0%
   * when a proxy buffers. Below 100% on a forwarding path only when the client was descheduled.
   */
  medianSeparateShare: number;
  /** The same share for the worst stream. */
  lowestSeparateShare: number;
  /** Median time from the first to the last content chunk at the client. */
  spreadP50Milliseconds: number;
}

export interface MemoryFigures {
  /** After start and configuration, before any client request. */
  idleBytes?: number;
  /** Peak sampled during the concurrency-50 run. */
  peakBytes?: number;
  /** At the end of the bench, after all load. */
  finalBytes?: number;
  /** Requests of the concurrency-50 run that did not answer 200. */
  failures?: number;
}

export interface DriftFigures {
  requests: number;
  window: number;
  firstWindowCpuMicrosecondsPerRequest: number;
  lastWindowCpuMicrosecondsPerRequest: number;
  /** Last window over first window. */
  ratio: number;
  /** Theil-Sen line through all windows: its value at the last window over its value at the first. */
  trendRatio: number;
  /** The same trend for the series divided, window by window, by the bare proxy's (router only). */
  trendRatioRelativeToBare?: number;
  /** CPU per request of every window, in order. */
  cpuMicrosecondsPerRequestByWindow: number[];
  residentBytesBefore?: number;
  residentBytesAfter?: number;
  failures: number;
}

export interface ColdStartFigures {
  /** Spawn to first 200 on `/v1/models` with an empty data directory (router) or a chat completion (bare). */
  emptyDataMedianMilliseconds: number;
  /** CPU time the process used until that answer (user + system, 10 ms resolution), median. */
  emptyDataCpuMedianMilliseconds: number;
  emptyDataRunsMilliseconds: number[];
  /** Spawn to first 200 on a chat completion with a configured data directory. */
  configuredMedianMilliseconds?: number;
  configuredCpuMedianMilliseconds?: number;
  configuredRunsMilliseconds?: number[];
}

/** Router CPU for one client format's requests over a batch. */
export interface TranslationRun {
  requests: number;
  failures: number;
  cpuMicroseconds: number;
  cpuMicrosecondsPerRequest: number;
}

/** The same router and upstream, asked in the upstream's format and as an Anthropic client. */
export interface TranslationFigures {
  /** 'ok', or why the translated path was not measured. */
  validation: string;
  nonStreaming?: { passthrough: TranslationRun; translated: TranslationRun };
  streaming?: { passthrough: TranslationRun; translated: TranslationRun };
}

export interface PathFigures {
  validation: { ok: boolean; detail: string };
  latency?: NonStreamingFigures;
  throughput?: NonStreamingFigures;
  streaming?: StreamingFigures;
  paced?: PacedFigures;
  memory?: MemoryFigures;
  drift?: DriftFigures;
  coldStart?: ColdStartFigures;
  translation?: TranslationFigures;
}

export type TargetStatus = 'PASS' | 'FAIL' | 'SKIP';

export interface TargetResult {
  target: string;
  measured: string;
  status: TargetStatus;
}

export interface BenchResults {
  startedAt: string;
  durationSeconds: number;
  machine: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    totalMemoryBytes: number;
    /** Share of all cores busy with other work just before, during and just after the run (see machine-load.ts). */
    busyShareAtStart: number;
    otherCpuShareDuringRun: number;
    busyShareAtEnd: number;
  };
  config: BenchConfig;
  routerIncluded: boolean;
  routerSkipReason?: string;
  paths: FigureTable;
  targets: TargetResult[];
}

/** Every path's figures, filled in phase by phase. */
export type FigureTable = Partial<Record<PathName, PathFigures>>;

/** The figures of one path, created (as not yet validated) on first use. */
export function figuresFor(table: FigureTable, name: PathName): PathFigures {
  return (table[name] ??= { validation: { ok: false, detail: 'not validated' } });
}
