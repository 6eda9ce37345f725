/**
 * Paced streams: the upstream waits a few milliseconds between events, so a proxy that forwards
 * each chunk as it arrives delivers the content chunks to the client one by one, while one that
 * buffers delivers them in a lump. The share of chunks that arrive after a gap tells the two apart.
 */
import type { BenchContext } from './context.js';
import type { PathName } from './endpoint.js';
import type { PacedFigures } from './figures.js';
import { LoadSession } from './load.js';
import { median } from './statistics.js';
import { paceNextStreams } from './upstream-protocol.js';

export async function measurePaced(context: BenchContext): Promise<Map<PathName, PacedFigures>> {
  const { pacedStreams: streams, pacedChunkDelayMilliseconds: chunkDelay } = context.config;
  const figures = new Map<PathName, PacedFigures>();
  if (streams === 0) return figures;
  for (const path of context.paths) {
    // Open (and prime) the connection first: priming requests would otherwise consume the pacing.
    const session = await LoadSession.open(path.endpoint, 1);
    await paceNextStreams(context.upstream.process.child, streams, chunkDelay);
    const run = await session.run({ requests: streams, streaming: true });
    session.close();
    const shares: number[] = [];
    const spreads: number[] = [];
    for (const result of run.results) {
      const offsets = result.contentArrivalOffsets ?? [];
      let separate = 0;
      for (let index = 1; index < offsets.length; index++) if (offsets[index]! - offsets[index - 1]! >= chunkDelay / 2) separate++;
      shares.push(offsets.length > 1 ? separate / (offsets.length - 1) : 0);
      spreads.push(offsets.at(-1) ?? 0);
    }
    figures.set(path.endpoint.name, {
      streams: run.results.length,
      chunkDelayMilliseconds: chunkDelay,
      medianSeparateShare: median(shares),
      lowestSeparateShare: Math.min(...shares),
      spreadP50Milliseconds: median(spreads),
    });
  }
  return figures;
}
