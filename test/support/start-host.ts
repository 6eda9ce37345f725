import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppHost } from '../../main/app-host.js';
import type { AppLifecycle } from '../../main/app-lifecycle.js';
import { KeychainSecretStore } from '../../main/secrets/keychain-secret-store.js';
import { createLogger } from '../../main/util/logger.js';

export interface TestHost {
  host: AppHost;
  dataDir: string;
  adminToken: string;
  /** Resolves when the host asks to end the process (after a shutdown). */
  exited: Promise<void>;
  /** Stops the router if it runs and removes the data directory. */
  dispose(): Promise<void>;
}

/**
 * An AppHost as the CLI and the desktop app build it (real createApp, SQLite in a temp folder, the
 * real keychain, loopback port 0), not yet started; `exit` resolves `exited` instead of ending the test.
 */
export function createTestHost(options: { mode?: AppLifecycle['mode']; port?: number; dataDir?: string; uiDir?: string } = {}): TestHost {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'omniroute-host-'));
  const adminToken = 'test-admin-token-' + randomUUID();
  let signalExit = (): void => undefined;
  const exited = new Promise<void>((resolve) => (signalExit = resolve));
  const host = new AppHost({
    appOptions: {
      dataDir,
      port: options.port ?? 0,
      host: '127.0.0.1',
      secrets: new KeychainSecretStore({ service: `omniroute-test-${randomUUID()}` }),
      env: { OMNIROUTE_ADMIN_TOKEN: adminToken },
      // A built dashboard to serve at `/`, as the CLI passes `dist/renderer`.
      ...(options.uiDir ? { uiDir: options.uiDir } : {}),
    },
    mode: options.mode ?? 'headless',
    createLogger: () => createLogger({ logDir: join(dataDir, 'logs'), level: 'debug' }),
    exit: signalExit,
  });
  return {
    host,
    dataDir,
    adminToken,
    exited,
    async dispose() {
      await host.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
