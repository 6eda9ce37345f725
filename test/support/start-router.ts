import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createApp, type App } from '../../main/app.js';
import { KeychainSecretStore } from '../../main/secrets/keychain-secret-store.js';
import type { SecretStore } from '../../main/secrets/secret-store.js';
import type { TunnelTimings } from '../../main/tunnels/tunnel-timings.js';
import { createLogger } from '../../main/util/logger.js';
import type { ProviderDto } from '../../shared/api-types.js';

export interface TestRouter {
  app: App;
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  port: number;
  dataDir: string;
  adminToken: string;
  secrets: SecretStore;
  /** Calls the management API with the admin token. */
  manage(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Creates a provider through the management API and returns it (throws on a non-201). */
  addProvider(body: Record<string, unknown>): Promise<ProviderDto>;
  /**
   * Forgets cooldowns, breakers, sticky sessions and measured latency, for suites that test one upstream's error
   * shapes one after another rather than routing (a 429 would otherwise cool the account down).
   */
  resetRouting(): void;
  /** Graceful close, then removes the data directory (unless `keepDataDir`). */
  close(options?: { keepDataDir?: boolean }): Promise<void>;
}

export interface StartRouterOptions {
  /** Reuse a data directory (to test persistence across restarts). */
  dataDir?: string;
  /** Defaults to the real OS keychain under a service name unique to this router. */
  secrets?: SecretStore;
  env?: Record<string, string | undefined>;
  /** Folder of a built dashboard to serve at `/`, as the CLI passes `dist/renderer`. */
  uiDir?: string;
  /** Tunnel watchdog timings, shortened for tests. */
  tunnelTimings?: Partial<TunnelTimings>;
  /** Clock for response cache TTLs and idempotency windows. */
  now?: () => number;
  /** The address to listen on; loopback unless a test needs clients from elsewhere. */
  host?: string;
}

/**
 * Starts the real app (express on a loopback port 0, real SQLite in a temp folder, the real OS
 * keychain through the Secret Service) exactly as the CLI does, for tests to talk HTTP to.
 */
export async function startRouter(options: StartRouterOptions = {}): Promise<TestRouter> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'omniroute-test-'));
  const secrets = options.secrets ?? new KeychainSecretStore({ service: `omniroute-test-${randomUUID()}` });
  const adminToken = 'test-admin-token-' + randomUUID();
  const app = await createApp({
    dataDir,
    port: 0,
    host: options.host ?? '127.0.0.1',
    secrets,
    env: { OMNIROUTE_ADMIN_TOKEN: adminToken, ...options.env },
    logger: createLogger({ logDir: join(dataDir, 'logs'), level: 'debug' }),
    ...(options.uiDir ? { uiDir: options.uiDir } : {}),
    ...(options.tunnelTimings ? { tunnelTimings: options.tunnelTimings } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const listening = await app.listen();
  const { port } = listening;
  // Listening on every interface, the test still calls in over loopback (a Host the router accepts).
  const url = options.host === '0.0.0.0' ? `http://127.0.0.1:${port}` : listening.url;
  const manage = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    app,
    url,
    port,
    dataDir,
    adminToken,
    secrets,
    manage,
    async addProvider(body) {
      const response = await manage('POST', '/api/providers', body);
      if (response.status !== 201) throw new Error(`addProvider: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as ProviderDto;
    },
    resetRouting() {
      app.context.engine.reset();
      app.context.engine.sessions.clear();
      app.context.engine.telemetry.reset();
    },
    async close({ keepDataDir = false } = {}) {
      await app.close();
      if (!keepDataDir && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
