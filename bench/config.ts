/**
 * Request counts and concurrency levels. The defaults keep a full run under about three minutes on
 * a 2-core machine; every count can be overridden through the environment, and `--quick` shrinks
 * all of them for a smoke run that only proves the harness works.
 */
export interface BenchConfig {
  quick: boolean;
  /**
   * Non-streaming requests per path before anything is measured (JIT, connection pools). The
   * router's CPU per request settles after 2,000 to 3,000 requests (V8 optimises its larger code
   * later than the bare proxy's), so the warm-up goes well past that.
   */
  warmupRequests: number;
  /** Non-streaming requests at concurrency 1 for latency and CPU per request. */
  latencyRequests: number;
  /** Non-streaming requests at {@link throughputConcurrency} for throughput and CPU per request. */
  throughputRequests: number;
  throughputConcurrency: number;
  /** Streaming requests at concurrency 1 for time to first content chunk. */
  streamingRequests: number;
  /** Paced streams (the upstream waits between chunks) that show chunks are forwarded as they come. */
  pacedStreams: number;
  pacedChunkDelayMilliseconds: number;
  /** Requests at {@link memoryConcurrency}, half streaming, while RSS is sampled. */
  memoryRequests: number;
  memoryConcurrency: number;
  /** Requests of the drift run, in windows of {@link driftWindow}; the trend through them is compared with the first window. */
  driftRequests: number;
  driftWindow: number;
  /** Spawns per cold-start measurement (median reported). */
  coldStarts: number;
}

const fullRun: BenchConfig = {
  quick: false,
  warmupRequests: 5000,
  // CPU per request on a 2-core VM varies by 10-15% from one run (and one process) to the next:
  // twice the requests of the first version, in 8 interleaved rounds, average more of that out.
  latencyRequests: 8000,
  throughputRequests: 16000,
  throughputConcurrency: 10,
  streamingRequests: 1500,
  pacedStreams: 10,
  pacedChunkDelayMilliseconds: 5,
  memoryRequests: 4000,
  memoryConcurrency: 50,
  driftRequests: 30000,
  driftWindow: 1000,
  coldStarts: 7,
};

const quickRun: BenchConfig = {
  quick: true,
  warmupRequests: 200,
  latencyRequests: 300,
  throughputRequests: 600,
  throughputConcurrency: 10,
  streamingRequests: 100,
  pacedStreams: 3,
  pacedChunkDelayMilliseconds: 5,
  memoryRequests: 400,
  memoryConcurrency: 50,
  driftRequests: 2000,
  driftWindow: 200,
  coldStarts: 2,
};

/** Environment variable for each setting, e.g. `BENCH_REQUESTS=10000 npm run bench`. */
const environmentNames: Partial<Record<keyof BenchConfig, string>> = {
  warmupRequests: 'BENCH_WARMUP_REQUESTS',
  latencyRequests: 'BENCH_REQUESTS',
  throughputRequests: 'BENCH_THROUGHPUT_REQUESTS',
  throughputConcurrency: 'BENCH_CONCURRENCY',
  streamingRequests: 'BENCH_STREAM_REQUESTS',
  pacedStreams: 'BENCH_PACED_STREAMS',
  pacedChunkDelayMilliseconds: 'BENCH_PACED_CHUNK_DELAY_MS',
  memoryRequests: 'BENCH_MEMORY_REQUESTS',
  memoryConcurrency: 'BENCH_MEMORY_CONCURRENCY',
  driftRequests: 'BENCH_DRIFT_REQUESTS',
  driftWindow: 'BENCH_DRIFT_WINDOW',
  coldStarts: 'BENCH_COLD_STARTS',
};

export function readConfig(argv: readonly string[], environment: NodeJS.ProcessEnv): BenchConfig {
  const config: BenchConfig = { ...(argv.includes('--quick') ? quickRun : fullRun) };
  for (const [key, name] of Object.entries(environmentNames) as [keyof BenchConfig, string][]) {
    const raw = environment[name];
    if (raw === undefined || raw === '' || key === 'quick') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
    config[key] = value;
  }
  config.driftWindow = Math.max(1, Math.min(config.driftWindow, Math.floor(config.driftRequests / 2)));
  return config;
}

/** For `--help`: which environment variable sets which count. */
export const environmentVariableNames: Readonly<Partial<Record<keyof BenchConfig, string>>> = environmentNames;
