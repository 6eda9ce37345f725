import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, CookiesSetDetails, MenuItemConstructorOptions, MessageBoxOptions } from 'electron';
import type { DesktopSession, ElectronModule, IpcInvokeEvent } from '../../main/desktop/electron-api.js';

/**
 * A substitute for the `electron` module, implementing the subset main/desktop/electron-api.ts
 * declares, so the desktop layer runs under plain Node (the Electron binary cannot be downloaded
 * here). It records what the app did (icons, menus, dialogs, loaded URLs, cookies) and lets a test
 * act as the user or the OS: click menu items, close the window, navigate, call IPC.
 */
export interface FakeElectron extends ElectronModule {
  app: FakeApp;
  windows: FakeWindow[];
  trays: FakeTray[];
  dialogs: MessageBoxOptions[];
  /** Answers the next message boxes, by button label. */
  answerDialogs(answer: (options: MessageBoxOptions) => string): void;
  errorBoxes: { title: string; content: string }[];
  notifications: { title: string; body: string }[];
  openedExternal: string[];
  openedPaths: string[];
  clipboardText: string | undefined;
  cookies: CookiesSetDetails[];
  /** Calls an IPC channel as a window's frame would. */
  invoke(channel: string, event: IpcInvokeEvent, ...args: unknown[]): Promise<unknown>;
}

export interface FakeApp extends EventEmitter {
  isPackaged: boolean;
  hasLock: boolean;
  quitRequested: boolean;
  /** Resolves once the app really quits (no before-quit listener prevented it). */
  quitted: Promise<void>;
  loginItem: { openAtLogin: boolean; args?: string[] };
  whenReady(): Promise<void>;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  getVersion(): string;
  getAppPath(): string;
  userData: string | undefined;
  setPath(name: 'userData', path: string): void;
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }

  /** A page-initiated navigation (or redirect); true when the app let it happen. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) });
    return !prevented;
  }

  /** A page calling window.open; returns the app's answer. */
  open(url: string): string | undefined {
    return this.openHandler?.({ url }).action;
  }
}

export class FakeWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    // Electron emits ready-to-show after the first paint; here, on the next turn.
    setImmediate(() => this.emit('ready-to-show'));
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The user clicking the close button; true when the window really closed. */
  close(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroyed = true;
    return !prevented;
  }
}

export class FakeTray extends EventEmitter {
  tooltip = '';
  menu: MenuItemConstructorOptions[] = [];

  constructor(public image: string) {
    super();
  }
  setImage(image: string): void {
    this.image = image;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setContextMenu(menu: object | null): void {
    this.menu = (menu as { template?: MenuItemConstructorOptions[] } | null)?.template ?? [];
  }
  destroy(): void {}

  /** The menu item with this id (throws when the menu has none). */
  item(id: string): MenuItemConstructorOptions {
    const found = this.menu.find((item) => item.id === id);
    if (!found) throw new Error(`no tray menu item '${id}' in ${JSON.stringify(this.menu.map((item) => item.id))}`);
    return found;
  }
  /** Clicks a menu item as the user would. */
  click(id: string): void {
    const click = this.item(id).click as (() => void) | undefined;
    if (!click) throw new Error(`tray menu item '${id}' has no click action`);
    click();
  }
}

export function createFakeElectron(options: { hasLock?: boolean; isPackaged?: boolean } = {}): FakeElectron {
  const handlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => unknown>();
  let answer: (options: MessageBoxOptions) => string = () => 'Close';
  let markQuitted = (): void => undefined;
  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? true,
    hasLock: options.hasLock ?? true,
    quitRequested: false,
    quitted: new Promise<void>((resolve) => (markQuitted = resolve)),
    loginItem: { openAtLogin: false } as { openAtLogin: boolean; args?: string[] },
    whenReady: () => Promise.resolve(),
    requestSingleInstanceLock: () => app.hasLock,
    getVersion: () => '0.0.0-test',
    getAppPath: () => '/opt/omniroute-app',
    userData: undefined as string | undefined,
    setPath: (_name: 'userData', path: string) => void (app.userData = path),
    getLoginItemSettings: () => ({ openAtLogin: app.loginItem.openAtLogin }),
    setLoginItemSettings: (settings: { openAtLogin: boolean; args?: string[] }) => void (app.loginItem = settings),
    quit() {
      app.quitRequested = true;
      let prevented = false;
      app.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) markQuitted();
    },
  }) as FakeApp;
  const session: DesktopSession = {
    cookies: { set: async (details) => void fake.cookies.push(details) },
    setPermissionRequestHandler: () => undefined,
  };
  const fake: FakeElectron = {
    app,
    windows: [],
    trays: [],
    dialogs: [],
    errorBoxes: [],
    notifications: [],
    openedExternal: [],
    openedPaths: [],
    clipboardText: undefined,
    cookies: [],
    answerDialogs: (next) => void (answer = next),
    BrowserWindow: function (this: unknown, windowOptions: BrowserWindowConstructorOptions) {
      const window = new FakeWindow(windowOptions);
      fake.windows.push(window);
      return window;
    } as unknown as FakeElectron['BrowserWindow'],
    Tray: function (this: unknown, image: string) {
      const tray = new FakeTray(image);
      fake.trays.push(tray);
      return tray;
    } as unknown as FakeElectron['Tray'],
    Menu: { buildFromTemplate: (template) => ({ template }) },
    ipcMain: { handle: (channel, listener) => void handlers.set(channel, listener) },
    dialog: {
      async showMessageBox(boxOptions) {
        fake.dialogs.push(boxOptions);
        const label = answer(boxOptions);
        const response = (boxOptions.buttons ?? []).indexOf(label);
        if (response === -1) throw new Error(`the dialog has no button '${label}'`);
        return { response };
      },
      showErrorBox: (title, content) => void fake.errorBoxes.push({ title, content }),
    },
    Notification: Object.assign(
      function (this: unknown, notification: { title: string; body: string }) {
        return { show: () => void fake.notifications.push({ title: notification.title, body: notification.body }) };
      } as unknown as FakeElectron['Notification'],
      { isSupported: () => true },
    ),
    shell: {
      openExternal: async (url) => void fake.openedExternal.push(url),
      openPath: async (path) => (fake.openedPaths.push(path), ''),
    },
    clipboard: { writeText: (text) => void (fake.clipboardText = text) },
    session: { defaultSession: session },
    async invoke(channel, event, ...args) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler(event, ...args);
    },
  };
  return fake;
}
