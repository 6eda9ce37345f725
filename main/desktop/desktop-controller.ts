import { dirname } from 'node:path';
import type { AppHost } from '../app-host.js';
import type { Logger } from '../util/logger.js';
import type { DesktopState } from './desktop-state.js';
import type { DesktopConfig } from './desktop-config.js';
import type { DesktopWindow, ElectronModule } from './electron-api.js';
import { loadDashboard, loadStatusPage, showWindow } from './main-window.js';
import type { OpenAtLogin } from './open-at-login.js';
import { describeStartupFailure, type StartupFailure } from './startup-failure.js';
import { showStartupFailure } from './startup-failure-dialog.js';
import type { TrayActions } from './tray-menu.js';
import { listTrayCombos, setActiveCombo } from './tray-combos.js';
import { originOf } from './window-guards.js';

export interface DesktopControllerOptions {
  electron: ElectronModule;
  host: AppHost;
  state: DesktopState;
  loginItem: OpenAtLogin;
  config: DesktopConfig;
  logger: Logger;
  /** Quits the app (the router closes gracefully on the way out). */
  quit: () => void;
}

/**
 * What the user can do from the tray and the window, in one place so both take the same path
 * (and the same one as `/api/restart|shutdown`: the AppHost). Actions never throw at their
 * caller, a menu click: failures are logged, and a failed start shows the error window.
 */
export class DesktopController implements TrayActions {
  window: DesktopWindow | undefined;
  #failure: StartupFailure | undefined;

  constructor(private readonly options: DesktopControllerOptions) {}

  /** Our page's origin while the router runs. */
  origin(): string | null {
    const { state } = this.options.host;
    return state.status === 'running' ? originOf(state.url) : null;
  }

  /** Starts the router; on failure, the tray turns to `error` and the error window opens. */
  async startRouter(): Promise<void> {
    const { host, state, config, logger } = this.options;
    try {
      await host.start();
      this.#failure = undefined;
      state.setErrorText(null);
    } catch (error) {
      const failure = describeStartupFailure(error, config);
      this.#failure = failure;
      logger.error('the router could not start', { reason: failure.reason, error: error instanceof Error ? error.message : String(error) });
      state.setErrorText(`${failure.reason} ${failure.fix}`);
      await this.showError();
    }
  }

  async showError(): Promise<void> {
    const failure = this.#failure;
    if (!failure) return;
    if (this.window) void loadStatusPage(this.window, 'OmniRoute could not start', [failure.reason, failure.fix, `Log file: ${failure.logPath}`]).catch(() => undefined);
    const choice = await showStartupFailure(this.options.electron, failure);
    if (choice === 'retry') await this.startRouter();
    else if (choice === 'quit') this.quit();
  }

  async toggleRouter(): Promise<void> {
    await this.#attempt('toggle the router', async () => {
      if (this.options.host.state.status === 'running') await this.options.host.stop();
      else await this.startRouter();
    });
  }

  /** Shows the window with the dashboard, or with the reason there is none. */
  async openDashboard(): Promise<void> {
    const { window } = this;
    if (!window) return;
    showWindow(window);
    await this.showRouterInWindow();
  }

  /** Loads what the window should show for the router's current state. */
  async showRouterInWindow(): Promise<void> {
    const { window } = this;
    const hostState = this.options.host.state;
    if (!window) return;
    await this.#attempt('load the window', async () => {
      if (hostState.status === 'running') await loadDashboard(this.options.electron, window, hostState);
      else if (hostState.status === 'stopped') await loadStatusPage(window, 'The router is stopped', ['Turn it on from the tray menu: Router on.']);
    });
  }

  copyText(text: string): void {
    this.options.electron.clipboard.writeText(text);
  }

  async setActiveCombo(name: string): Promise<void> {
    await this.#attempt('switch the active combo', async () => {
      const target = this.#managementTarget();
      if (target) await setActiveCombo(target, name);
    });
    await this.refreshCombos();
  }

  /** Re-reads the combos for the tray (on start, on a tray click, after a switch). */
  async refreshCombos(): Promise<void> {
    await this.#attempt('list combos', async () => {
      const target = this.#managementTarget();
      this.options.state.setCombos(target ? await listTrayCombos(target) : []);
    });
  }

  async setOpenAtLogin(enabled: boolean): Promise<void> {
    await this.#attempt('change open at login', async () => {
      this.options.state.setOpenAtLogin(await this.options.loginItem.set(enabled));
    });
  }

  async viewLogs(): Promise<void> {
    const failure = await this.options.electron.shell.openPath(dirname(this.options.config.logPath));
    if (failure) this.options.logger.warn('could not open the log folder', { reason: failure });
  }

  quit(): void {
    this.options.quit();
  }

  #managementTarget(): { url: string; adminToken: string } | undefined {
    const { state } = this.options.host;
    return state.status === 'running' ? { url: state.url, adminToken: state.app.adminToken } : undefined;
  }

  async #attempt(what: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.options.logger.error(`could not ${what}`, { error: error instanceof Error ? error.message : String(error) });
    }
  }
}
