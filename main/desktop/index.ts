import { join } from 'node:path';
import { AppHost } from '../app-host.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { createLogger } from '../util/logger.js';
import { DesktopController } from './desktop-controller.js';
import { desktopConfig } from './desktop-config.js';
import { setupIpc } from './desktop-ipc.js';
import { DesktopState, followHealth } from './desktop-state.js';
import type { DesktopTray, DesktopWindow, ElectronModule } from './electron-api.js';
import { setupMainWindow, showWindow } from './main-window.js';
import { setupNotifications } from './notifications.js';
import { hiddenFlag, launchCommand, openAtLogin } from './open-at-login.js';
import { setupQuit } from './quit.js';
import { claimSingleInstance, showOnReopen } from './single-instance.js';
import { setupTray } from './tray.js';
import { followCombos } from './tray-combos.js';
import { followTunnels } from './tray-tunnels.js';

/** The machine and the files the desktop app runs with; main.ts passes the real ones, tests their own. */
export interface DesktopOptions {
  env: Readonly<Record<string, string | undefined>>;
  argv: readonly string[];
  platform: NodeJS.Platform;
  homeDir: string;
  execPath: string;
  /** Tray and app icons (assets/). */
  assetsDir: string;
  /** The bundled preload script. */
  preloadPath: string;
  /** The built dashboard (dist/renderer). */
  uiDir: string;
  /** Defaults to the store OMNIROUTE_SECRET_STORE selects (the OS keychain), as in the CLI. */
  secrets?: SecretStore;
}

/** The running desktop app, for main.ts and tests. */
export interface Desktop {
  host: AppHost;
  state: DesktopState;
  controller: DesktopController;
  window: DesktopWindow;
  tray: DesktopTray;
}

/**
 * The Electron main process: the router in-process (the same createApp as `omniroute serve`,
 * through the same AppHost), a tray, and one locked-down window. A flat list of setup steps, in
 * the order they must happen. Resolves to undefined in a second instance, which hands over and quits.
 *
 * @see https://github.com/electron/fiddle/blob/main/src/main/main.ts
 */
export async function startDesktop(electron: ElectronModule, options: DesktopOptions): Promise<Desktop | undefined> {
  const config = desktopConfig(options.env);
  // Chromium's profile would otherwise land in the data directory itself on macOS and Windows (same
  // folder name); the single-instance lock lives there too, so this comes first.
  electron.app.setPath('userData', join(config.dataDir, 'electron'));
  if (!claimSingleInstance(electron.app)) return undefined;
  await electron.app.whenReady();

  const logger = createLogger({ logDir: join(config.dataDir, 'logs') });
  const host = new AppHost({
    appOptions: { dataDir: config.dataDir, port: config.port, host: config.host, env: options.env, uiDir: options.uiDir, ...(options.secrets ? { secrets: options.secrets } : {}) },
    mode: 'desktop',
    createLogger: () => createLogger({ logDir: join(config.dataDir, 'logs') }),
    exit: () => electron.app.quit(),
  });
  const command = launchCommand({ execPath: options.execPath, isPackaged: electron.app.isPackaged, appPath: electron.app.getAppPath(), env: options.env });
  const loginItem = openAtLogin({ app: electron.app, platform: options.platform, env: options.env, homeDir: options.homeDir, command });
  const state = new DesktopState(host, loginItem.get());
  const quit = setupQuit(electron.app, host, logger);
  const controller = new DesktopController({ electron, host, state, loginItem, config, logger, quit: quit.quit });
  const startHidden = options.argv.includes(hiddenFlag) || electron.app.getLoginItemSettings().wasOpenedAtLogin === true;
  const window = setupMainWindow(electron, {
    preloadPath: options.preloadPath,
    iconPath: join(options.assetsDir, 'icon.png'),
    origin: () => controller.origin(),
    isQuitting: quit.isQuitting,
    startHidden,
  });
  controller.window = window;
  showOnReopen(electron.app, () => void controller.openDashboard());
  host.onChange(() => void controller.showRouterInWindow());
  const tray = setupTray(electron, {
    state,
    actions: controller,
    assetsDir: options.assetsDir,
    onClick: () => void controller.refreshCombos(),
  });
  setupIpc(electron, { window, controller, state, loginItem });
  followHealth(host, state);
  followTunnels(host, state);
  followCombos(host, () => controller.refreshCombos());
  setupNotifications(electron, host, join(options.assetsDir, 'icon.png'));
  await controller.startRouter();
  if (!startHidden && host.state.status === 'running') showWindow(window);
  return { host, state, controller, window, tray };
}
