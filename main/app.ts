import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AppLifecycle } from './app-lifecycle.js';
import { Backups } from './backups/backups.js';
import { proxyConfig, unusableProxyVariables } from './providers/upstream-proxy.js';
import { applyPendingRestore } from './backups/pending-restore.js';
import { AcpAgents } from './cli-tools/acp-agents.js';
import { CliTools } from './cli-tools/cli-tools.js';
import { ApiKeyIndex } from './gateway/api-key-index.js';
import { ProviderCatalog } from './gateway/provider-catalog.js';
import { RoutingTable } from './gateway/routing-table.js';
import { RoutingEngine } from './gateway/routing/routing-engine.js';
import { secretNames } from './gateway/secret-names.js';
import { SettingsService } from './gateway/settings-service.js';
import { openSecretStore } from './secrets/open-secret-store.js';
import type { SecretStore } from './secrets/secret-store.js';
import { AdminAuth } from './server/admin-auth.js';
import { createHttpApp } from './server/create-http-app.js';
import { InFlight } from './server/in-flight.js';
import type { RouterContext } from './server/router-context.js';
import { SecurityPolicy } from './server/security-policy.js';
import { openStore, type Store } from './store/index.js';
import { detectionEnvironment } from './tunnels/detect-tunnel-binary.js';
import { tunnelKinds } from './tunnels/tunnel-kinds.js';
import { TunnelManager } from './tunnels/tunnel-manager.js';
import type { TunnelTimings } from './tunnels/tunnel-timings.js';
import { createUsageServices } from './usage/usage-services.js';
import { AppEvents } from './util/app-events.js';
import { createLogger, type Logger } from './util/logger.js';
import { loginShellPathFor } from './cli-tools/login-shell-path.js';

export interface AppOptions {
  dataDir: string;
  port: number;
  host: string;
  /**
   * Defaults to the store chosen by OMNIROUTE_SECRET_STORE (the OS keychain). May be a store still
   * opening: the CLI opens it before loading the app, so its slow part overlaps module loading.
   */
  secrets?: SecretStore | Promise<SecretStore>;
  /** Environment to read OMNIROUTE_* from; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
  /** Folder of the built dashboard, served at `/` when present. */
  uiDir?: string;
  /** Clock for response cache TTLs and idempotency windows; tests move it. Defaults to Date.now. */
  now?: () => number;
  /** How the host restarts or stops the router (`/api/restart`, `/api/shutdown`); absent, those answer 501. */
  lifecycle?: AppLifecycle;
  /** Tunnel watchdog timings (URL timeout, restart backoff); tests shorten them. */
  tunnelTimings?: Partial<TunnelTimings>;
}

export interface App {
  /** Binds the port; rejects with a StartupError (port taken, ...) that says how to fix it. */
  listen(): Promise<{ port: number; url: string }>;
  /** Graceful: stops accepting, lets requests finish (up to shutdownGraceMs), aborts the rest, closes the DB. */
  close(): Promise<void>;
  readonly adminToken: string;
  /** Whether the token came from OMNIROUTE_ADMIN_TOKEN (then it is not printed). */
  readonly adminTokenFromEnv: boolean;
  readonly context: RouterContext;
}

/** A failure to start that the user can fix; the message says how. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/**
 * The composition root, shared by the headless CLI and the desktop app: opens storage and secrets,
 * builds the in-memory views the request path reads, and wires the HTTP server.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger({ logDir: join(options.dataDir, 'logs') });
  // Side by side: the secret store's slow part (the file store's scrypt, the keychain's D-Bus round
  // trips) runs off the main thread while the database opens and migrates.
  const secretsOpening = Promise.resolve(options.secrets ?? openSecretStore({ dataDir: options.dataDir, env }));
  let store: Store;
  try {
    // A restore asked for before this start (it restarts the router) replaces the data first.
    const restored = applyPendingRestore(options.dataDir);
    if (restored) logger[restored.status === 'restored' ? 'info' : 'error'](`restore: ${restored.message}`, { backup: restored.id });
    store = openStore({ dataDir: options.dataDir });
  } catch (error) {
    await secretsOpening.catch(() => undefined);
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new StartupError(
        `The database ${join(options.dataDir, 'omniroute.db')} is damaged (${(error as Error).message}). Fix: restore a backup with \`omniroute restore\` (without a name it lists them; backups are in ${join(options.dataDir, 'backups')}), or move the file aside to start empty.`,
        { cause: error },
      );
    }
    throw error;
  }
  try {
    const secrets = await secretsOpening;
    const settings = new SettingsService(store.settings, logger);
    const { token: adminToken, fromEnv: adminTokenFromEnv } = await managementToken(secrets, env);
    const catalog = new ProviderCatalog(store, secrets, logger, () => proxyConfig(settings.current.upstreamProxy, env));
    for (const name of unusableProxyVariables(env)) logger.warn(`${name} ignored: only http:// proxies are supported (not https:// or SOCKS); providers are called directly`);
    await catalog.reload();
    const policy = new SecurityPolicy(options.port, settings.current);
    // One login-shell PATH lookup for CLI-tool and tunnel detection.
    const loginShellPath = loginShellPathFor(env);
    const cliTools = new CliTools({ dataDir: options.dataDir, env, loginShellPath });
    const apiKeys = new ApiKeyIndex(store.apiKeys);
    const events = new AppEvents();
    let listeningPort: number | undefined;
    const tunnels = new TunnelManager({
      kinds: tunnelKinds,
      environment: detectionEnvironment(env, loginShellPath),
      policy,
      settings,
      apiKeys,
      events,
      logger,
      target: () => (listeningPort === undefined ? null : { port: listeningPort, url: loopbackUrl(options.host, listeningPort) }),
      ...(options.tunnelTimings ? { timings: options.tunnelTimings } : {}),
    });
    const routing = new RoutingTable(store);
    const usageServices = createUsageServices({ store, settings, events, logger, ...(options.now ? { now: options.now } : {}) });
    const engine = new RoutingEngine({
      catalog,
      routing,
      resilience: () => settings.current.resilience,
      events,
      priceOf: (publicModel) => {
        const price = usageServices.pricing.priceOf(publicModel.slice(publicModel.indexOf('/') + 1));
        return price === undefined ? undefined : price.input + price.output;
      },
      ...(options.now ? { now: options.now } : {}),
    });
    const backups = new Backups({ dataDir: options.dataDir, db: store.db, logger, ...(options.now ? { now: options.now } : {}) });
    backups.removeLeftovers();
    backups.startSchedule();
    const context: RouterContext = {
      dataDir: options.dataDir,
      store,
      backups,
      secrets,
      settings,
      catalog,
      routing,
      engine,
      apiKeys,
      inFlight: new InFlight(),
      adminAuth: new AdminAuth(adminToken),
      policy,
      logger,
      events,
      usage: usageServices.usage,
      pricing: usageServices.pricing,
      budgets: usageServices.budgets,
      requestLogs: usageServices.requestLogs,
      tunnels,
      cliTools,
      acpAgents: new AcpAgents(cliTools, options.dataDir),
      ...(options.lifecycle ? { lifecycle: options.lifecycle } : {}),
    };
    const app = createHttpApp(context, { ...(options.uiDir ? { uiDir: options.uiDir } : {}), ...(options.now ? { now: options.now } : {}) });
    const server = createServer({ keepAliveTimeout: 65_000 }, app);
    let proxySetting = JSON.stringify(settings.current.upstreamProxy);
    settings.onChange((next) => {
      policy.update(next);
      if (JSON.stringify(next.upstreamProxy) === proxySetting) return;
      // Endpoints hold their route (direct or through which proxy): build them again.
      proxySetting = JSON.stringify(next.upstreamProxy);
      catalog.reload().catch(() => undefined);
    });
    return {
      adminToken,
      adminTokenFromEnv,
      context,
      listen: () =>
        listen(server, options, (port) => {
          listeningPort = port;
          policy.update(settings.current, port);
        }),
      close: once(() => shutdown(server, context)),
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

async function managementToken(secrets: SecretStore, env: Readonly<Record<string, string | undefined>>): Promise<{ token: string; fromEnv: boolean }> {
  const fromEnv = env.OMNIROUTE_ADMIN_TOKEN?.trim();
  if (fromEnv) {
    if (fromEnv.length < 16) throw new StartupError('OMNIROUTE_ADMIN_TOKEN must be at least 16 characters long.');
    return { token: fromEnv, fromEnv: true };
  }
  const stored = await secrets.get(secretNames.adminToken);
  if (stored) return { token: stored, fromEnv: false };
  const token = 'omr_' + randomBytes(32).toString('base64url');
  await secrets.set(secretNames.adminToken, token);
  return { token, fromEnv: false };
}

function listen(server: Server, options: AppOptions, onPort: (port: number) => void): Promise<{ port: number; url: string }> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE') {
        reject(new StartupError(`Port ${options.port} on ${options.host} is already in use (is OmniRoute already running?). Stop the other process or choose another port with --port or PORT.`, { cause: error }));
      } else if (error.code === 'EACCES') {
        reject(new StartupError(`Not allowed to listen on ${options.host}:${options.port}. Choose a port above 1023 with --port or PORT.`, { cause: error }));
      } else if (error.code === 'EADDRNOTAVAIL') {
        reject(new StartupError(`The address ${options.host} does not belong to this machine. Use --host 127.0.0.1.`, { cause: error }));
      } else {
        reject(error);
      }
    };
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      const port = (server.address() as AddressInfo).port;
      onPort(port);
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({ port, url: `http://${host}:${port}` });
    });
  });
}

async function shutdown(server: Server, context: RouterContext): Promise<void> {
  // First, so nothing new arrives from the internet while requests drain, and no daemon outlives us.
  await context.tunnels.stopAll();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await context.inFlight.whenIdle(context.settings.current.shutdownGraceMs);
  context.inFlight.cancelAll('shutdown');
  // Give cancelled streams a turn of the event loop to write their final error event.
  await new Promise((resolve) => setImmediate(resolve));
  server.closeAllConnections();
  await closed;
  // After the last request recorded its usage, before the database closes: no record is lost.
  context.usage.close();
  context.requestLogs.close();
  context.apiKeys.close();
  await context.backups.close();
  context.store.close();
  await context.logger.close();
}

/** Where a tunnel daemon on this machine reaches the router: loopback when it listens on every interface. */
function loopbackUrl(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return `http://127.0.0.1:${port}`;
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
