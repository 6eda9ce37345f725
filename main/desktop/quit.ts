import type { AppHost } from '../app-host.js';
import type { DesktopApp } from './electron-api.js';
import type { Logger } from '../util/logger.js';

/** The app's way out, and whether it is on it (closing the window then really closes it). */
export interface QuitControl {
  quit(): void;
  isQuitting(): boolean;
}

/**
 * Quitting (menu, Cmd+Q, logout, `/api/shutdown`) first closes the router gracefully, so requests
 * in flight finish and the database closes cleanly; only then does Electron quit. Closing the
 * last window does not quit: the app lives in the tray.
 */
export function setupQuit(app: Pick<DesktopApp, 'on' | 'quit'>, host: AppHost, logger: Logger): QuitControl {
  let quitting = false;
  let routerClosed = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (routerClosed) return;
    event.preventDefault();
    host
      .stop()
      .catch((error: unknown) => logger.error('the router did not close cleanly', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        routerClosed = true;
        void logger.close().finally(() => app.quit());
      });
  });
  app.on('window-all-closed', () => undefined);
  return { quit: () => app.quit(), isQuitting: () => quitting };
}
