import { join } from 'node:path';
import type { RouterStatus, TrayState } from '../../shared/ipc-contract.js';
import type { DesktopState } from './desktop-state.js';
import type { DesktopTray, ElectronModule } from './electron-api.js';
import { buildTrayMenu, type TrayActions } from './tray-menu.js';

/** The tray icon of a state (Electron adds `@2x` on high-density screens by itself). */
export function trayIconPath(assetsDir: string, status: RouterStatus): string {
  return join(assetsDir, `tray-${status}.png`);
}

export interface SetupTrayOptions {
  state: DesktopState;
  actions: TrayActions;
  assetsDir: string;
  /** Called when the user clicks the icon (where the platform reports clicks): refresh, show the window. */
  onClick: () => void;
}

/** The tray icon, tooltip and menu, redrawn from the state on every change. */
export function setupTray(electron: Pick<ElectronModule, 'Tray' | 'Menu'>, options: SetupTrayOptions): DesktopTray {
  const { state, actions, assetsDir } = options;
  const tray = new electron.Tray(trayIconPath(assetsDir, state.current.status));
  const draw = (current: TrayState): void => {
    tray.setImage(trayIconPath(assetsDir, current.status));
    tray.setToolTip(current.baseUrl ? `OmniRoute: ${current.status} at ${current.baseUrl}` : `OmniRoute: ${current.status}`);
    tray.setContextMenu(electron.Menu.buildFromTemplate(buildTrayMenu(current, actions)));
  };
  draw(state.current);
  state.onChange(draw);
  tray.on('click', options.onClick);
  return tray;
}
