/**
 * Peak resident memory under concurrency 50: half non-streaming, half streaming requests (streams
 * hold their buffers longer), with VmRSS of the proxy and the upstream sampled every 10 ms.
 */
import type { BenchContext } from './context.js';
import type { PathName } from './endpoint.js';
import { LoadSession } from './load.js';
import { PeakResidentSampler } from './memory.js';

export interface PeakMemory {
  proxyPeakBytes?: number;
  upstreamPeakBytes?: number;
  failures: number;
  firstFailure?: string;
}

export async function measurePeakMemory(context: BenchContext): Promise<Map<PathName, PeakMemory>> {
  const { memoryRequests, memoryConcurrency } = context.config;
  const peaks = new Map<PathName, PeakMemory>();
  if (memoryRequests === 0) return peaks;
  for (const path of context.paths) {
    const upstreamPid = context.upstream.process.pid;
    const sampler = new PeakResidentSampler(path.proxy === undefined ? [upstreamPid] : [path.proxy.pid, upstreamPid]);
    const session = await LoadSession.open(path.endpoint, memoryConcurrency);
    sampler.start();
    const plain = await session.run({ requests: Math.ceil(memoryRequests / 2), streaming: false });
    const streamed = await session.run({ requests: Math.floor(memoryRequests / 2), streaming: true });
    const sampled = sampler.stop();
    session.close();
    const proxyPeakBytes = path.proxy === undefined ? undefined : sampled.get(path.proxy.pid);
    const upstreamPeakBytes = sampled.get(upstreamPid);
    const firstFailure = plain.firstFailure ?? streamed.firstFailure;
    peaks.set(path.endpoint.name, {
      ...(proxyPeakBytes === undefined ? {} : { proxyPeakBytes }),
      ...(upstreamPeakBytes === undefined ? {} : { upstreamPeakBytes }),
      failures: plain.failures + streamed.failures,
      ...(firstFailure === undefined ? {} : { firstFailure }),
    });
  }
  return peaks;
}
