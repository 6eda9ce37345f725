/**
 * Starting the three measured processes: the upstream simulator, the bare proxy and the router, each
 * in its own child process with the CPU probe installed.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callJson } from './http-json.js';
import { startMeasuredProcess, type MeasuredProcess } from './measured-process.js';
import { benchEntryArguments, routerEntry, routerNodeOptions } from './paths.js';
import { readyPattern } from './ready-line.js';
import { simulatedModel, type UpstreamReady } from './upstream-protocol.js';

/** Provider name configured in the router; clients address `sim/gpt-sim`. */
export const routerProviderName = 'sim';
export const routedModel = `${routerProviderName}/${simulatedModel}`;

/** Fixed so a data directory written by one router start can be read by the next (cold starts). */
export const routerAdminToken = 'bench-admin-token-0123456789abcdef';
const routerSecretsKey = 'bench-secrets-key-0123456789abcd';

export const routerListeningPattern = /OmniRoute listening on http:\/\/127\.0\.0\.1:(\d+)/;

export interface StartedUpstream {
  process: MeasuredProcess;
  ready: UpstreamReady;
}

export async function startUpstream(): Promise<StartedUpstream> {
  const started = await startMeasuredProcess({
    name: 'upstream simulator',
    nodeArguments: benchEntryArguments('upstream-process'),
    readyPattern,
    probe: true,
  });
  return { process: started, ready: JSON.parse(started.ready[1]!) as UpstreamReady };
}

export function bareProxyEnvironment(upstream: UpstreamReady): Record<string, string> {
  return { BENCH_UPSTREAM_URL: upstream.url, BENCH_UPSTREAM_API_KEY: upstream.apiKey };
}

export async function startBareProxyProcess(upstream: UpstreamReady, probe = true): Promise<{ process: MeasuredProcess; port: number }> {
  const started = await startMeasuredProcess({
    name: 'bare proxy',
    nodeArguments: benchEntryArguments('bare-proxy-process'),
    environment: bareProxyEnvironment(upstream),
    readyPattern,
    probe,
  });
  return { process: started, port: (JSON.parse(started.ready[1]!) as { port: number }).port };
}

export function routerIsBuilt(): boolean {
  return existsSync(routerEntry);
}

/** The router's documented headless command line and environment (DESIGN.md public contract). */
export function routerLaunch(dataDirectory: string): { nodeArguments: string[]; environment: Record<string, string> } {
  return {
    nodeArguments: [...routerNodeOptions(), routerEntry, 'serve', '--port', '0', '--data-dir', dataDirectory],
    environment: {
      OMNIROUTE_ADMIN_TOKEN: routerAdminToken,
      OMNIROUTE_SECRET_STORE: 'file',
      OMNIROUTE_SECRETS_KEY: routerSecretsKey,
    },
  };
}

export interface StartedRouter {
  process: MeasuredProcess;
  port: number;
  dataDirectory: string;
  /** The client API key the load generator sends (see {@link configureRouter}). */
  clientApiKey: string;
  /** Stops the router and removes its data directory. */
  dispose(): Promise<void>;
}

export function createDataDirectory(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'omniroute-bench-'));
}

/** Starts the router on a fresh data directory and configures the simulator as provider `sim`. */
export async function startRouter(upstream: UpstreamReady): Promise<StartedRouter> {
  const dataDirectory = await createDataDirectory();
  const launch = routerLaunch(dataDirectory);
  const started = await startMeasuredProcess({
    name: 'router',
    nodeArguments: launch.nodeArguments,
    environment: launch.environment,
    readyPattern: routerListeningPattern,
    probe: true,
  });
  const port = Number(started.ready[1]);
  const dispose = async (): Promise<void> => {
    await started.stop();
    await rm(dataDirectory, { recursive: true, force: true });
  };
  try {
    const clientApiKey = await configureRouter(port, upstream);
    return { process: started, port, dataDirectory, clientApiKey, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/**
 * Adds the simulator as provider `sim` and creates a client API key, so the router does the same
 * key check a real client's request costs (SDKs always send one). Returns the key; when the router
 * cannot create keys yet, a placeholder is sent instead, which is fine while `requireApiKey` is off.
 */
export async function configureRouter(port: number, upstream: UpstreamReady): Promise<string> {
  const origin = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${routerAdminToken}` };
  const provider = await callJson(`${origin}/api/providers`, 'POST', {
    headers,
    body: { name: routerProviderName, kind: 'openai', baseUrl: upstream.url, apiKey: upstream.apiKey, models: [simulatedModel] },
  });
  if (provider.status !== 201 && provider.status !== 200) {
    throw new Error(`POST /api/providers answered ${provider.status}: ${provider.text.slice(0, 300)}`);
  }
  const key = await callJson(`${origin}/api/keys`, 'POST', { headers, body: { name: 'bench' } });
  if (key.status === 201 || key.status === 200) {
    const created = JSON.parse(key.text) as { key?: unknown };
    if (typeof created.key === 'string') return created.key;
  }
  return 'bench-placeholder-client-key';
}
