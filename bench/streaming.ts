/**
 * Streaming chat completions at concurrency 1: time to the first content chunk, total stream time,
 * and, per stream, that the client received exactly the chunks and content the upstream sent.
 */
import type { BenchContext } from './context.js';
import type { PathName } from './endpoint.js';
import type { StreamingFigures } from './figures.js';
import { runInRounds } from './rounds.js';
import { percentile } from './statistics.js';

export async function measureStreaming(context: BenchContext, options: { requests: number }): Promise<Map<PathName, StreamingFigures>> {
  const runs = await runInRounds(context, { requests: options.requests, concurrency: 1, streaming: true, rounds: 4 });
  const { expectedStream } = context;
  const figures = new Map<PathName, StreamingFigures>();
  for (const [name, run] of runs) {
    const answered = run.results.filter((result) => result.status === 200 && result.error === undefined);
    const firstContent = answered.flatMap((result) => (result.firstContentMilliseconds === undefined ? [] : [result.firstContentMilliseconds]));
    const totals = answered.map((result) => result.totalMilliseconds);
    figures.set(name, {
      requests: run.requests,
      failures: run.failures,
      ...(run.firstFailure === undefined ? {} : { firstFailure: run.firstFailure }),
      firstContentP50Milliseconds: percentile(firstContent, 50),
      firstContentP99Milliseconds: percentile(firstContent, 99),
      totalP50Milliseconds: percentile(totals, 50),
      totalP99Milliseconds: percentile(totals, 99),
      expectedChunkCount: expectedStream.chunkCount,
      chunkCountMismatches: run.results.filter((result) => result.chunkCount !== expectedStream.chunkCount).length,
      contentMismatches: run.results.filter((result) => result.content !== expectedStream.content || result.sawDone !== true).length,
      ...(run.proxyCpuMicroseconds === undefined ? {} : { proxyCpuMicrosecondsPerRequest: run.proxyCpuMicroseconds / run.requests }),
      upstreamCpuMicrosecondsPerRequest: run.upstreamCpuMicroseconds / run.requests,
    });
  }
  return figures;
}
