import type { RunningApp } from '../app-host.js';
import { sessionCookieName } from '../server/admin-auth.js';
import type { DesktopWindow, ElectronModule } from './electron-api.js';
import { denyPermissions, guardWebContents } from './window-guards.js';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath: string;
  /** Our page's origin while the router runs; navigation anywhere else is refused. */
  origin: () => string | null;
  /** Closing only hides the window, unless the app is quitting. */
  isQuitting: () => boolean;
  /** Started at login: stay in the tray until the user asks for the window. */
  startHidden: boolean;
}

/** The dashboard window, locked down: isolated, sandboxed, no Node, no popups, no foreign pages. */
export function setupMainWindow(electron: Pick<ElectronModule, 'BrowserWindow' | 'shell' | 'session'>, options: MainWindowOptions): DesktopWindow {
  const window = new electron.BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 760,
    minHeight: 520,
    show: false,
    title: 'OmniRoute',
    icon: options.iconPath,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  guardWebContents(window.webContents, { origin: options.origin, shell: electron.shell });
  denyPermissions(electron.session.defaultSession);
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    // The router keeps running in the tray; closing the window must not stop it.
    event.preventDefault();
    window.hide();
  });
  if (!options.startHidden) window.once('ready-to-show', () => window.show());
  return window;
}

/** Brings the window to the front, whatever state it was left in. */
export function showWindow(window: DesktopWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * Signs the window's session in and loads the dashboard. The session cookie (an HMAC of the token,
 * HttpOnly) is set directly in Electron's cookie store, so the management token itself never
 * appears in a URL (no request line, history entry or Referer carries it) and never reaches the
 * renderer process; `/?token=` would put it in all of those.
 */
export async function loadDashboard(electron: Pick<ElectronModule, 'session'>, window: DesktopWindow, running: RunningApp): Promise<void> {
  await electron.session.defaultSession.cookies.set({
    url: running.url,
    name: sessionCookieName,
    value: running.app.context.adminAuth.sessionValue,
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    // No expiry: a session cookie stays in memory, never in Chromium's cookie file on disk. It is
    // set again whenever the dashboard loads.
  });
  await window.loadURL(`${running.url}/`);
}

/** A self-contained page for when there is no dashboard to show (router stopped, start failed). */
export function loadStatusPage(window: DesktopWindow, heading: string, lines: string[]): Promise<void> {
  const escape = (text: string): string => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<title>OmniRoute</title><style>body{font:15px system-ui,sans-serif;margin:3em;max-width:48em;color:#14213d}p{white-space:pre-wrap}</style></head>` +
    `<body><h1>${escape(heading)}</h1>${lines.map((line) => `<p>${escape(line)}</p>`).join('')}</body></html>`;
  return window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
}
