/**
 * Runs the same load on every path in alternating rounds (direct, bare, router, direct, ...), so a
 * noisy neighbour or a thermal change on the machine hits all paths alike instead of one of them,
 * and reads the CPU time of the proxy and the upstream around each path's share.
 */
import type { BenchContext } from './context.js';
import type { PathName } from './endpoint.js';
import { LoadSession, type RequestResult } from './load.js';

export interface PathRun {
  results: RequestResult[];
  requests: number;
  elapsedMilliseconds: number;
  failures: number;
  firstFailure?: string;
  /** CPU of the proxy process over the measured requests; undefined on the direct path. */
  proxyCpuMicroseconds?: number;
  /** The proxy's CPU per request in each round, in order (empty on the direct path). */
  proxyCpuPerRequestByRound: number[];
  upstreamCpuMicroseconds: number;
}

export interface RoundOptions {
  requests: number;
  concurrency: number;
  streaming: boolean;
  rounds: number;
}

export async function runInRounds(context: BenchContext, options: RoundOptions): Promise<Map<PathName, PathRun>> {
  const runs = new Map<PathName, PathRun>();
  const perRound = Math.max(1, Math.ceil(options.requests / options.rounds));
  // One unmeasured round per path first: the previous phase ran another load (concurrency 1, or
  // streams), and the first round of a new one paid for the switch. The router's first round at
  // concurrency 10 after the concurrency-1 phase measured 90 to 104 µs per request against 63 to
  // 75 in the rounds after it, in six runs out of six, which put 4 to 5% on its total.
  for (const path of context.paths) {
    const session = await LoadSession.open(path.endpoint, options.concurrency);
    await session.run({ requests: perRound, streaming: options.streaming });
    session.close();
  }
  for (let round = 0; round < options.rounds; round++) {
    for (const path of context.paths) {
      const remaining = options.requests - round * perRound;
      if (remaining <= 0) continue;
      const session = await LoadSession.open(path.endpoint, options.concurrency);
      const proxyBefore = await path.proxy?.cpuMicroseconds();
      const upstreamBefore = await context.upstream.process.cpuMicroseconds();
      const run = await session.run({ requests: Math.min(perRound, remaining), streaming: options.streaming });
      const upstreamAfter = await context.upstream.process.cpuMicroseconds();
      const proxyAfter = await path.proxy?.cpuMicroseconds();
      session.close();

      const total = runs.get(path.endpoint.name) ?? {
        results: [],
        requests: 0,
        elapsedMilliseconds: 0,
        failures: 0,
        upstreamCpuMicroseconds: 0,
        proxyCpuPerRequestByRound: [],
        ...(path.proxy === undefined ? {} : { proxyCpuMicroseconds: 0 }),
      };
      total.results.push(...run.results);
      total.requests += run.results.length;
      total.elapsedMilliseconds += run.elapsedMilliseconds;
      total.failures += run.failures;
      if (run.firstFailure !== undefined) total.firstFailure ??= run.firstFailure;
      total.upstreamCpuMicroseconds += upstreamAfter - upstreamBefore;
      if (total.proxyCpuMicroseconds !== undefined && proxyBefore !== undefined && proxyAfter !== undefined) {
        total.proxyCpuMicroseconds += proxyAfter - proxyBefore;
        total.proxyCpuPerRequestByRound.push((proxyAfter - proxyBefore) / run.results.length);
      }
      runs.set(path.endpoint.name, total);
    }
  }
  return runs;
}
