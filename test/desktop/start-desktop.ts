import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDesktop, type Desktop } from '../../main/desktop/index.js';
import { KeychainSecretStore } from '../../main/secrets/keychain-secret-store.js';
import type { SecretStore } from '../../main/secrets/secret-store.js';
import { createFakeElectron, type FakeElectron } from './fake-electron.js';

export interface TestDesktop {
  /** Undefined in a second instance. */
  desktop: Desktop | undefined;
  electron: FakeElectron;
  root: string;
  env: Record<string, string>;
  adminToken: string;
  /** Quits the app as the user would (the router closes on the way) and removes the temp folder. */
  quit(): Promise<void>;
}

export interface StartTestDesktopOptions {
  electron?: FakeElectron;
  env?: Record<string, string>;
  platform?: NodeJS.Platform;
  argv?: string[];
  /** `null`: let the app open the store OMNIROUTE_SECRET_STORE selects, as the real app does. */
  secrets?: SecretStore | null;
  /** Reuse a folder (DATA_DIR is `<root>/data`). */
  root?: string;
}

/**
 * Runs the real desktop main process (real router on loopback port 0, SQLite in a temp folder, the
 * real keychain) against the substitute electron module.
 */
export async function startTestDesktop(options: StartTestDesktopOptions = {}): Promise<TestDesktop> {
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'omniroute-desktop-'));
  const adminToken = 'test-admin-token-' + randomUUID();
  const env = { DATA_DIR: join(root, 'data'), PORT: '0', OMNIROUTE_ADMIN_TOKEN: adminToken, XDG_CONFIG_HOME: join(root, 'config'), ...options.env };
  const electron = options.electron ?? createFakeElectron();
  const secrets = options.secrets === null ? undefined : (options.secrets ?? new KeychainSecretStore({ service: `omniroute-test-${randomUUID()}` }));
  const repository = join(import.meta.dirname, '..', '..');
  const desktop = await startDesktop(electron, {
    env,
    argv: options.argv ?? ['/opt/OmniRoute/omniroute-desktop'],
    platform: options.platform ?? 'linux',
    homeDir: join(root, 'home'),
    execPath: '/opt/OmniRoute Desktop/omniroute-desktop',
    assetsDir: join(repository, 'assets'),
    preloadPath: join(repository, 'dist', 'main', 'desktop', 'preload.cjs'),
    uiDir: join(root, 'no-ui'),
    ...(secrets ? { secrets } : {}),
  });
  return {
    desktop,
    electron,
    root,
    env,
    adminToken,
    async quit() {
      if (desktop) {
        electron.app.quit();
        await electron.app.quitted;
      }
      if (!options.root) rmSync(root, { recursive: true, force: true });
    },
  };
}
