/**
 * Non-streaming chat completions: per-request wall time (latency at concurrency 1), requests per
 * second (throughput at concurrency 10) and CPU per request of the proxy and the upstream.
 */
import type { BenchContext } from './context.js';
import type { PathName } from './endpoint.js';
import type { NonStreamingFigures } from './figures.js';
import { runInRounds } from './rounds.js';
import { percentile } from './statistics.js';

export async function measureNonStreaming(
  context: BenchContext,
  options: { requests: number; concurrency: number },
): Promise<Map<PathName, NonStreamingFigures>> {
  const runs = await runInRounds(context, { ...options, streaming: false, rounds: 8 });
  const figures = new Map<PathName, NonStreamingFigures>();
  for (const [name, run] of runs) {
    const wallTimes = run.results.map((result) => result.totalMilliseconds);
    figures.set(name, {
      concurrency: options.concurrency,
      requests: run.requests,
      failures: run.failures,
      ...(run.firstFailure === undefined ? {} : { firstFailure: run.firstFailure }),
      p50Milliseconds: percentile(wallTimes, 50),
      p99Milliseconds: percentile(wallTimes, 99),
      requestsPerSecond: run.requests / (run.elapsedMilliseconds / 1000),
      ...(run.proxyCpuMicroseconds === undefined
        ? {}
        : { proxyCpuMicrosecondsPerRequest: run.proxyCpuMicroseconds / run.requests, proxyCpuMicrosecondsPerRequestByRound: run.proxyCpuPerRequestByRound }),
      upstreamCpuMicrosecondsPerRequest: run.upstreamCpuMicroseconds / run.requests,
    });
  }
  return figures;
}
