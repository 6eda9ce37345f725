import type { DesktopSession, DesktopWebContents, ElectronModule } from './electron-api.js';

/**
 * Keeps a window on our own page: no popups (an https link opens in the user's browser instead),
 * no navigation or redirect to another origin, no <webview>. The renderer shows untrusted text
 * (model output, provider errors), so a link must never turn the window into someone else's page.
 *
 * @see https://www.electronjs.org/docs/latest/tutorial/security
 */
export function guardWebContents(webContents: DesktopWebContents, options: { origin: () => string | null; shell: ElectronModule['shell'] }): void {
  webContents.setWindowOpenHandler(({ url }) => {
    if (isHttps(url)) void options.shell.openExternal(url);
    return { action: 'deny' };
  });
  const stayHome = (event: { url: string; preventDefault(): void }): void => {
    if (originOf(event.url) !== options.origin()) event.preventDefault();
  };
  webContents.on('will-navigate', stayHome);
  webContents.on('will-redirect', stayHome);
  webContents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The dashboard needs no camera, microphone, notifications or geolocation from the page. */
export function denyPermissions(session: DesktopSession): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
}

/** `null` for anything that is not an absolute URL. */
export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
