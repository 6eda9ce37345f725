import { ipcEventChannels, ipcInvokeChannels, type DesktopBridge, type TrayState } from '../../shared/ipc-contract.js';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface BridgeIpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * The API the window gets, built on the contract: named methods only, never raw ipcRenderer, so
 * the page can ask for exactly these things and nothing else.
 *
 * @see https://github.com/electron/fiddle/blob/main/src/preload/preload.ts
 */
export function createDesktopBridge(ipcRenderer: BridgeIpcRenderer): DesktopBridge {
  const invoke = <T>(channel: string, ...args: unknown[]): Promise<T> => ipcRenderer.invoke(channel, ...args) as Promise<T>;
  return {
    getTrayState: () => invoke(ipcInvokeChannels.getTrayState),
    getOpenAtLogin: () => invoke(ipcInvokeChannels.getOpenAtLogin),
    setOpenAtLogin: (enabled) => invoke(ipcInvokeChannels.setOpenAtLogin, enabled),
    toggleRouter: () => invoke(ipcInvokeChannels.toggleRouter),
    onTrayStateChanged(listener) {
      // The event object (with its sender) stays in the preload; the page gets the state only.
      const forward = (_event: unknown, state: unknown): void => listener(state as TrayState);
      ipcRenderer.on(ipcEventChannels.trayStateChanged, forward);
      return () => void ipcRenderer.removeListener(ipcEventChannels.trayStateChanged, forward);
    },
  };
}
