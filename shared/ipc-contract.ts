/**
 * The one contract between the desktop app's main process and its window (the preload bridge).
 * Both sides are typed from it: a channel without a handler in main, or without a method in the
 * preload, is a compile error. Pure types and constants: no node, no electron.
 *
 * @see https://github.com/alex8088/electron-toolkit/blob/main/packages/typed-ipc/src/types.ts
 */

/** The router as the tray shows it. `degraded`: running, but its routing targets report trouble. */
export type RouterStatus = 'running' | 'degraded' | 'stopped' | 'error';

/** The alias the tray's quick-switch points at a combo: tools configured with this model follow the switch. */
export const activeComboAlias = 'active';

/** A combo as the tray lists it; choosing one makes it the active combo. */
export interface TrayCombo {
  id: string;
  name: string;
  enabled: boolean;
  /** The `active` alias points at this combo. */
  active: boolean;
}

/** A line another part of the app adds to the tray menu (a tunnel's URL, a detected tool). */
export interface TrayExtra {
  /** Stable and unique, e.g. `tunnel:cloudflare`. */
  id: string;
  label: string;
  /** Copied to the clipboard when clicked, when present. */
  copyText?: string;
}

/** Everything the tray menu and icon are drawn from. */
export interface TrayState {
  status: RouterStatus;
  /** The client API's base URL (`http://127.0.0.1:PORT/v1`), while the router runs. */
  baseUrl: string | null;
  /** Why the router is in `error`, as a sentence with its fix. */
  error: string | null;
  openAtLogin: boolean;
  /** Empty when the build has no combos (or none exist). */
  combos: TrayCombo[];
  extras: TrayExtra[];
}

/** Request/response of each invoke channel; requests are argument tuples. */
export interface IpcInvokeContract {
  getTrayState: { request: []; response: TrayState };
  getOpenAtLogin: { request: []; response: boolean };
  /** Returns the setting as it is afterwards. */
  setOpenAtLogin: { request: [enabled: boolean]; response: boolean };
  /** Stops a running router or starts a stopped one; returns the resulting state. */
  toggleRouter: { request: []; response: TrayState };
}

/** Events main pushes to the window. */
export interface IpcEventContract {
  trayStateChanged: TrayState;
}

export type IpcInvokeChannel = keyof IpcInvokeContract;
export type IpcEventChannel = keyof IpcEventContract;

/** Every invoke channel, spelled once; listing one twice or missing one does not compile. */
export const ipcInvokeChannels = {
  getTrayState: 'getTrayState',
  getOpenAtLogin: 'getOpenAtLogin',
  setOpenAtLogin: 'setOpenAtLogin',
  toggleRouter: 'toggleRouter',
} as const satisfies { [Channel in IpcInvokeChannel]: Channel };

/** Every event channel, spelled once. */
export const ipcEventChannels = {
  trayStateChanged: 'trayStateChanged',
} as const satisfies { [Channel in IpcEventChannel]: Channel };

/** The API the preload exposes on `window.omniroute` (desktop only; absent in a browser). */
export type DesktopBridge = {
  [Channel in IpcInvokeChannel]: (...request: IpcInvokeContract[Channel]['request']) => Promise<IpcInvokeContract[Channel]['response']>;
} & {
  /** Returns a function that removes the listener. */
  onTrayStateChanged(listener: (state: TrayState) => void): () => void;
};

/** The name of the bridge on `window`. */
export const desktopBridgeName = 'omniroute';
