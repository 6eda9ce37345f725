/**
 * The substitute `electron` module for a main process started in a child process (see hook.mjs).
 * Once the router has started or failed, it prints one `REPORT {json}` line with what the app did;
 * a `quit` line on stdin quits the app the way the tray does, and the process exits 0 afterwards.
 */
import { createInterface } from 'node:readline';
import { createFakeElectron } from '../fake-electron.js';

const fake = createFakeElectron();

export const { app, BrowserWindow, Tray, Menu, ipcMain, dialog, Notification, shell, clipboard, session } = fake;

/** What the parent test reads. */
export interface SubstituteReport {
  trayImage: string | undefined;
  loadedUrls: string[];
  preload: string | undefined;
  windowIcon: string | undefined;
  dialogs: { message: string; detail: string | undefined }[];
  errorBoxes: { title: string; content: string }[];
}

const poll = setInterval(() => {
  const image = fake.trays[0]?.image ?? '';
  const settled = /tray-(running|error)\.png$/.test(image) || fake.errorBoxes.length > 0;
  if (!settled) return;
  clearInterval(poll);
  const window = fake.windows[0];
  const report: SubstituteReport = {
    trayImage: fake.trays[0]?.image,
    loadedUrls: window?.loadedUrls ?? [],
    preload: window?.options.webPreferences?.preload,
    windowIcon: window?.options.icon as string | undefined,
    dialogs: fake.dialogs.map(({ message, detail }) => ({ message, detail })),
    errorBoxes: fake.errorBoxes,
  };
  process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
}, 25);

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'quit') return;
  fake.app.quit();
  void fake.app.quitted.then(() => process.exit(0));
});
