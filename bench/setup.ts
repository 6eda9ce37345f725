/**
 * Bringing the three paths up: the upstream, the bare proxy and (when built and healthy) the router,
 * their idle memory, and the check that each answers exactly what the upstream sends.
 */
import type { BenchConfig } from './config.js';
import type { ExpectedStream, PathUnderTest } from './context.js';
import { createEndpoint } from './endpoint.js';
import { figuresFor, type FigureTable } from './figures.js';
import type { MeasuredProcess } from './measured-process.js';
import { routerEntry } from './paths.js';
import { routedModel, routerIsBuilt, startBareProxyProcess, startRouter, startUpstream, type StartedRouter, type StartedUpstream } from './processes.js';
import { simulatedModel } from './upstream-protocol.js';
import { validatePath } from './validation.js';

export interface StartedPaths {
  upstream: StartedUpstream;
  bare: { process: MeasuredProcess; port: number };
  router?: StartedRouter;
  /** Why the router is not measured, when it is not. */
  routerSkipReason?: string;
  /** Direct, bare and (if it started) router, in that order. */
  candidates: PathUnderTest[];
}

export async function startPaths(config: BenchConfig, log: (message: string) => void): Promise<StartedPaths> {
  log(`starting${config.quick ? ' (quick)' : ''}: upstream simulator and bare proxy`);
  const upstream = await startUpstream();
  const bare = await startBareProxyProcess(upstream.ready);
  const candidates: PathUnderTest[] = [
    { endpoint: createEndpoint('direct', upstream.ready.port, simulatedModel, upstream.ready.apiKey) },
    // The bare proxy ignores the client's key and sends the upstream's own, as a router does.
    { endpoint: createEndpoint('bare', bare.port, `bench/${simulatedModel}`, 'bench-client-key'), proxy: bare.process },
  ];
  if (!routerIsBuilt()) return { upstream, bare, candidates, routerSkipReason: `not built (${routerEntry} missing; run npm run build)` };
  try {
    log('starting the router');
    const router = await startRouter(upstream.ready);
    candidates.push({ endpoint: createEndpoint('router', router.port, routedModel, router.clientApiKey), proxy: router.process });
    return { upstream, bare, router, candidates };
  } catch (error) {
    log(`router: ${(error as Error).message}`);
    return { upstream, bare, candidates, routerSkipReason: `could not start or configure: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** VmRSS of each proxy after start and configuration, before any client request reached it. */
export async function recordIdleMemory(candidates: PathUnderTest[], figures: FigureTable): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (const path of candidates) {
    const idleBytes = path.proxy?.residentBytes();
    if (idleBytes !== undefined) figuresFor(figures, path.endpoint.name).memory = { idleBytes };
  }
}

/**
 * Validates every path against the direct one. Returns the paths fit to measure and what a correct
 * stream looks like, or undefined when even the direct path answers wrong (nothing can be measured).
 */
export async function validatePaths(
  candidates: PathUnderTest[],
  figures: FigureTable,
  log: (message: string) => void,
): Promise<{ measuredPaths: PathUnderTest[]; expectedStream: ExpectedStream } | undefined> {
  log('validating answers on every path');
  const [direct, ...proxies] = candidates;
  const directValidation = await validatePath(direct!);
  figuresFor(figures, 'direct').validation = { ok: directValidation.ok, detail: directValidation.detail };
  if (!directValidation.ok || directValidation.stream === undefined) return undefined;
  const expectedStream = directValidation.stream;
  const measuredPaths: PathUnderTest[] = [direct!];
  for (const path of proxies) {
    const validation = await validatePath(path, expectedStream);
    figuresFor(figures, path.endpoint.name).validation = { ok: validation.ok, detail: validation.detail };
    if (validation.ok) measuredPaths.push(path);
    else log(`${path.endpoint.name}: ${validation.detail}; left out of the measurements`);
  }
  return { measuredPaths, expectedStream };
}
