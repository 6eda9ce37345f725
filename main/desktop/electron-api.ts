import type { BrowserWindowConstructorOptions, CookiesSetDetails, MenuItemConstructorOptions, MessageBoxOptions } from 'electron';

/**
 * The part of the `electron` module the desktop layer uses, as narrow structural types. The real
 * module is passed where an ElectronModule is expected (main/desktop/main.ts), so the compiler
 * checks that it fits; tests pass a substitute that implements only this much.
 */
export interface ElectronModule {
  app: DesktopApp;
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => DesktopWindow;
  Tray: new (image: string) => DesktopTray;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): DesktopMenu };
  ipcMain: {
    handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown): void;
  };
  dialog: {
    showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
    /** Synchronous and usable before the app is ready: the last resort for a failure at launch. */
    showErrorBox(title: string, content: string): void;
  };
  Notification: {
    new (options: { title: string; body: string; icon?: string }): { show(): void };
    isSupported(): boolean;
  };
  shell: {
    openExternal(url: string): Promise<void>;
    /** Resolves to an error message, or '' on success. */
    openPath(path: string): Promise<string>;
  };
  clipboard: { writeText(text: string): void };
  session: { defaultSession: DesktopSession };
}

/** A built menu; only ever handed back to the tray. */
export type DesktopMenu = object;

export interface DesktopApp {
  readonly isPackaged: boolean;
  whenReady(): Promise<void>;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  getAppPath(): string;
  setPath(name: 'userData', path: string): void;
  /** `wasOpenedAtLogin` is reported on macOS only. */
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin?: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
}

export interface DesktopWindow {
  readonly webContents: DesktopWebContents;
  loadURL(url: string): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export interface DesktopWebContents {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { url: string; preventDefault(): void }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

export interface DesktopTray {
  setImage(image: string): void;
  setToolTip(toolTip: string): void;
  setContextMenu(menu: DesktopMenu | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface DesktopSession {
  cookies: { set(details: CookiesSetDetails): Promise<void> };
  setPermissionRequestHandler(handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
}

/** What an IPC handler is told about the caller; the frame decides whether it is ours. */
export interface IpcInvokeEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string } | null;
}
