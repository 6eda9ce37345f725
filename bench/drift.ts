/**
 * Drift: does CPU per request grow over a long run? Growth means per-request state that
 * accumulates (maps never pruned, listeners piling up, a log re-scanned).
 *
 * On this 2-core VM the CPU a process spends per request wanders by tens of percent over a few
 * seconds even on a quiet machine (the bare proxy, which keeps no state, as much as the router), so
 * comparing two windows taken seconds apart mostly measures the machine. The proxies are therefore
 * loaded in alternating slices (a quarter window to each in turn), so both see the same machine, and
 * the router's series is also divided by the bare proxy's: what remains is the router's own trend.
 * Every window is kept, and a robust line through them (see trendEndRatio) gives the trend without
 * the noise of the two end windows alone.
 *
 * The run goes three times past the 10,000th request the target names: a leak climbs all the way,
 * so the longer run shows it three times as large, while the line through thirty windows is about
 * twice as steady as through ten.
 */
import type { BenchContext, PathUnderTest } from './context.js';
import type { PathName } from './endpoint.js';
import type { DriftFigures } from './figures.js';
import { LoadSession } from './load.js';
import { trendEndRatio } from './statistics.js';

const slicesPerWindow = 4;

export async function measureDrift(context: BenchContext): Promise<Map<PathName, DriftFigures>> {
  const { driftRequests: requests, driftWindow: window, throughputConcurrency: concurrency } = context.config;
  const figures = new Map<PathName, DriftFigures>();
  const windows = Math.floor(requests / window);
  const proxies = context.paths.filter((path): path is PathUnderTest & Required<Pick<PathUnderTest, 'proxy'>> => path.proxy !== undefined);
  if (windows < 2 || proxies.length === 0) return figures;

  const sessions: LoadSession[] = [];
  for (const path of proxies) {
    const session = await LoadSession.open(path.endpoint, concurrency);
    // The proxy sat idle while the others ran; let it reach its busy steady state first.
    await session.run({ requests: 2 * window, streaming: false });
    sessions.push(session);
  }
  const residentBefore = proxies.map((path) => path.proxy.residentBytes());
  const series = proxies.map((): number[] => []);
  const failures = proxies.map(() => 0);
  const slice = Math.max(1, Math.floor(window / slicesPerWindow));
  for (let index = 0; index < windows; index++) {
    const used = proxies.map(() => 0);
    const sent = proxies.map(() => 0);
    for (let part = 0; part < slicesPerWindow; part++) {
      for (const [position, path] of proxies.entries()) {
        const size = part === slicesPerWindow - 1 ? window - slice * (slicesPerWindow - 1) : slice;
        const before = await path.proxy.cpuMicroseconds();
        const run = await sessions[position]!.run({ requests: size, streaming: false });
        used[position]! += (await path.proxy.cpuMicroseconds()) - before;
        sent[position]! += size;
        failures[position]! += run.failures;
      }
    }
    proxies.forEach((_, position) => series[position]!.push(used[position]! / sent[position]!));
  }
  for (const session of sessions) session.close();

  const bareSeries = series[proxies.findIndex((path) => path.endpoint.name === 'bare')];
  for (const [position, path] of proxies.entries()) {
    const own = series[position]!;
    const residentBytesBefore = residentBefore[position];
    const residentBytesAfter = path.proxy.residentBytes();
    const relative = bareSeries === undefined || path.endpoint.name === 'bare' ? undefined : own.map((value, index) => value / bareSeries[index]!);
    figures.set(path.endpoint.name, {
      requests: windows * window,
      window,
      firstWindowCpuMicrosecondsPerRequest: own[0]!,
      lastWindowCpuMicrosecondsPerRequest: own.at(-1)!,
      ratio: own.at(-1)! / own[0]!,
      trendRatio: trendEndRatio(own),
      ...(relative === undefined ? {} : { trendRatioRelativeToBare: trendEndRatio(relative) }),
      cpuMicrosecondsPerRequestByWindow: own,
      ...(residentBytesBefore === undefined ? {} : { residentBytesBefore }),
      ...(residentBytesAfter === undefined ? {} : { residentBytesAfter }),
      failures: failures[position]!,
    });
  }
  return figures;
}
