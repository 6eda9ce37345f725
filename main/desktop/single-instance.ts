import type { DesktopApp } from './electron-api.js';

/**
 * One app per user: a second launch hands over to the first and quits, instead of failing on the
 * taken port. Returns false in the second instance. Must run before the app is ready.
 */
export function claimSingleInstance(app: Pick<DesktopApp, 'requestSingleInstanceLock' | 'quit'>): boolean {
  if (app.requestSingleInstanceLock()) return true;
  app.quit();
  return false;
}

/** A second launch, or a click on the macOS dock icon, means the user wants the window. */
export function showOnReopen(app: Pick<DesktopApp, 'on'>, show: () => void): void {
  app.on('second-instance', show);
  app.on('activate', show);
}
