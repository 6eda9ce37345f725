/**
 * The measured load, phase by phase, each phase on every path before the next phase starts, so all
 * paths see the machine in the same state. Cold starts run separately, after the proxies stopped.
 */
import type { BenchContext } from './context.js';
import { measureDrift } from './drift.js';
import { figuresFor, type FigureTable } from './figures.js';
import { LoadSession } from './load.js';
import { measurePeakMemory } from './memory-phase.js';
import { measureNonStreaming } from './non-streaming.js';
import { measurePaced } from './paced.js';
import { measureStreaming } from './streaming.js';
import { measureTranslation } from './translation.js';

export async function runLoadPhases(context: BenchContext, figures: FigureTable): Promise<void> {
  const { config, log } = context;

  log(`warming up (${config.warmupRequests} requests per path)`);
  for (const path of context.paths) {
    const session = await LoadSession.open(path.endpoint, config.throughputConcurrency);
    await session.run({ requests: config.warmupRequests, streaming: false });
    await session.run({ requests: Math.ceil(config.warmupRequests / 4), streaming: true });
    session.close();
  }

  log(`latency at concurrency 1 (${config.latencyRequests} requests per path)`);
  for (const [name, latency] of await measureNonStreaming(context, { requests: config.latencyRequests, concurrency: 1 })) {
    figuresFor(figures, name).latency = latency;
  }

  log(`throughput at concurrency ${config.throughputConcurrency} (${config.throughputRequests} requests per path)`);
  const throughputRuns = await measureNonStreaming(context, { requests: config.throughputRequests, concurrency: config.throughputConcurrency });
  for (const [name, throughput] of throughputRuns) figuresFor(figures, name).throughput = throughput;

  log(`translation: Anthropic client vs passthrough on the router (${config.throughputRequests} requests each)`);
  const translation = await measureTranslation(context);
  if (translation !== undefined) figuresFor(figures, 'router').translation = translation;

  log(`streaming at concurrency 1 (${config.streamingRequests} streams per path)`);
  for (const [name, streaming] of await measureStreaming(context, { requests: config.streamingRequests })) {
    figuresFor(figures, name).streaming = streaming;
  }

  log(`paced streams (${config.pacedStreams} per path, ${config.pacedChunkDelayMilliseconds} ms between chunks)`);
  for (const [name, paced] of await measurePaced(context)) figuresFor(figures, name).paced = paced;

  log(`memory at concurrency ${config.memoryConcurrency} (${config.memoryRequests} requests per path)`);
  for (const [name, peak] of await measurePeakMemory(context)) {
    const memory = (figuresFor(figures, name).memory ??= {});
    if (peak.proxyPeakBytes !== undefined) memory.peakBytes = peak.proxyPeakBytes;
    memory.failures = peak.failures;
  }

  log(`drift (${config.driftRequests} requests per proxy)`);
  for (const [name, drift] of await measureDrift(context)) figuresFor(figures, name).drift = drift;

  for (const path of context.paths) {
    const finalBytes = path.proxy?.residentBytes();
    if (finalBytes !== undefined) (figuresFor(figures, path.endpoint.name).memory ??= {}).finalBytes = finalBytes;
  }
}
