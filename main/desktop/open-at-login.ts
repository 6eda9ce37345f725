import type { DesktopApp } from './electron-api.js';
import { autostartEntryPath, hasAutostartEntry, removeAutostartEntry, writeAutostartEntry } from './xdg-autostart.js';

/** The argument that starts the app in the tray without opening its window. */
export const hiddenFlag = '--hidden';

/** Whether the app starts at login, and the switch for it. */
export interface OpenAtLogin {
  get(): boolean;
  /** Returns the setting as it is afterwards. */
  set(enabled: boolean): Promise<boolean>;
}

export interface OpenAtLoginOptions {
  app: Pick<DesktopApp, 'getLoginItemSettings' | 'setLoginItemSettings'>;
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** How to start this app again (see launchCommand). */
  command: readonly string[];
}

/**
 * macOS and Windows keep login items themselves (app.setLoginItemSettings); Linux has no such API
 * in Electron, so there it is the XDG autostart entry.
 */
export function openAtLogin(options: OpenAtLoginOptions): OpenAtLogin {
  const { app } = options;
  if (options.platform === 'linux') {
    const path = autostartEntryPath(options.env, options.homeDir);
    return {
      get: () => hasAutostartEntry(path),
      async set(enabled) {
        if (enabled) await writeAutostartEntry(path, [...options.command, hiddenFlag]);
        else removeAutostartEntry(path);
        return hasAutostartEntry(path);
      },
    };
  }
  return {
    get: () => app.getLoginItemSettings().openAtLogin,
    async set(enabled) {
      app.setLoginItemSettings({ openAtLogin: enabled, args: [hiddenFlag] });
      return app.getLoginItemSettings().openAtLogin;
    },
  };
}

/**
 * The command that starts this app: the AppImage file itself when run from one (its executable
 * lives in a mount that is gone after exit), the installed executable when packaged, and
 * Electron plus the app folder in development.
 */
export function launchCommand(options: { execPath: string; isPackaged: boolean; appPath: string; env: Readonly<Record<string, string | undefined>> }): string[] {
  if (options.env.APPIMAGE) return [options.env.APPIMAGE];
  return options.isPackaged ? [options.execPath] : [options.execPath, options.appPath];
}
