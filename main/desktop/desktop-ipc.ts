import type { DesktopController } from './desktop-controller.js';
import type { DesktopState } from './desktop-state.js';
import type { DesktopWindow, ElectronModule } from './electron-api.js';
import { registerIpcHandlers, sendToWindow, type IpcHandlers } from './ipc.js';
import type { OpenAtLogin } from './open-at-login.js';

/** The window's bridge: the contract's handlers, callable only from our page, and state pushes. */
export function setupIpc(
  electron: Pick<ElectronModule, 'ipcMain'>,
  options: { window: DesktopWindow; controller: DesktopController; state: DesktopState; loginItem: OpenAtLogin },
): void {
  const { window, controller, state, loginItem } = options;
  const handlers: IpcHandlers = {
    getTrayState: () => state.current,
    getOpenAtLogin: () => loginItem.get(),
    setOpenAtLogin: async (enabled) => {
      await controller.setOpenAtLogin(enabled);
      return loginItem.get();
    },
    toggleRouter: async () => {
      await controller.toggleRouter();
      return state.current;
    },
  };
  registerIpcHandlers(electron.ipcMain, handlers, { webContentsId: () => (window.isDestroyed() ? undefined : window.webContents.id), origin: () => controller.origin() });
  state.onChange((current) => {
    if (!window.isDestroyed()) sendToWindow(window.webContents, 'trayStateChanged', current);
  });
}
