/**
 * The desktop main process against a substitute electron module, with the real router in-process
 * (SQLite in a temp folder, the real keychain, loopback port 0): tray, toggle, window, sign-in,
 * single instance, navigation guards, IPC sender checks, open at login, quit.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import type { AppHostState } from '../../main/app-host.js';
import { createDesktopBridge } from '../../main/desktop/preload-bridge.js';
import type { TrayState } from '../../shared/ipc-contract.js';
import { createFakeElectron, type FakeElectron, type FakeWindow } from './fake-electron.js';
import { startTestDesktop, type TestDesktop } from './start-desktop.js';

function running(test: TestDesktop): Extract<AppHostState, { status: 'running' }> {
  const state = test.desktop?.host.state;
  assert.equal(state?.status, 'running');
  return state as Extract<AppHostState, { status: 'running' }>;
}

function window(test: TestDesktop): FakeWindow {
  const only = test.electron.windows[0];
  assert.ok(only);
  return only;
}

function tray(electron: FakeElectron) {
  const only = electron.trays[0];
  assert.ok(only);
  return only;
}

/** Waits until the host reports `status` (the tray acts on a click without awaiting). */
function hostReaches(test: TestDesktop, status: AppHostState['status']): Promise<void> {
  return new Promise((resolve) => {
    if (test.desktop?.host.state.status === status) return resolve();
    const off = test.desktop?.host.onChange((state) => {
      if (state.status !== status) return;
      off?.();
      resolve();
    });
  });
}

describe('desktop app', () => {
  let test: TestDesktop | undefined;
  afterEach(async () => {
    await test?.quit();
    test = undefined;
  });

  it('hosts the router in-process, shows the running icon and signs the window in with a cookie, not a URL', async () => {
    test = await startTestDesktop();
    const { url } = running(test);
    assert.equal((await fetch(`${url}/api/init`, { headers: { authorization: `Bearer ${test.adminToken}` } })).status, 200);
    assert.match(tray(test.electron).image, /assets\/tray-running\.png$/);
    assert.equal(tray(test.electron).item('status').label, 'Router running');

    const main = window(test);
    assert.deepEqual(main.loadedUrls, [`${url}/`]);
    assert.ok(!main.loadedUrls.some((loaded) => loaded.includes('token')));
    const [cookie] = test.electron.cookies;
    assert.ok(cookie);
    assert.equal(cookie.url, url);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'strict');
    assert.notEqual(cookie.value, test.adminToken);
    // A session cookie (no expiry) is never written to Chromium's cookie file.
    assert.equal(cookie.expirationDate, undefined);
    assert.equal(test.electron.app.userData, join(test.env.DATA_DIR as string, 'electron'));
    // The cookie the window carries is a session the management API accepts.
    const session = await fetch(`${url}/api/auth/session`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
    assert.deepEqual(await session.json(), { authenticated: true });

    const preferences = main.options.webPreferences;
    assert.deepEqual(
      { contextIsolation: preferences?.contextIsolation, sandbox: preferences?.sandbox, nodeIntegration: preferences?.nodeIntegration, webviewTag: preferences?.webviewTag },
      { contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false },
    );
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(main.visible, true);
  });

  it('the tray toggle stops the router and starts it again on the same port', async () => {
    test = await startTestDesktop();
    const { url, port } = running(test);
    const trayIcon = tray(test.electron);

    const stopped = hostReaches(test, 'stopped');
    trayIcon.click('router');
    await stopped;
    await assert.rejects(fetch(`${url}/api/init`), TypeError);
    assert.match(trayIcon.image, /tray-stopped\.png$/);
    assert.equal(trayIcon.item('router').checked, false);
    assert.equal(trayIcon.item('copy-base-url').enabled, false);
    await new Promise((resolve) => setImmediate(resolve));
    assert.match(window(test).loadedUrls.at(-1) ?? '', /^data:text\/html.*router%20is%20stopped/i);

    const started = hostReaches(test, 'running');
    trayIcon.click('router');
    await started;
    assert.equal(running(test).port, port);
    assert.equal((await fetch(`${url}/api/init`, { headers: { authorization: `Bearer ${test.adminToken}` } })).status, 200);
    assert.match(trayIcon.image, /tray-running\.png$/);
    trayIcon.click('copy-base-url');
    assert.equal(test.electron.clipboardText, `${url}/v1`);
  });

  it('turns degraded on a health report, notifies budget, auth and tunnel events, and starts healthy again', async () => {
    test = await startTestDesktop();
    const trayIcon = tray(test.electron);
    const { events } = running(test).app.context;
    events.emit('health-changed', { status: 'degraded' });
    assert.match(trayIcon.image, /tray-degraded\.png$/);
    events.emit('budget-warning', { budgetId: 'b1', keyId: 'key_1', period: 'month', spent: 9.5, limit: 10, exceeded: false });
    events.emit('account-auth-failed', { provider: 'anthropic', accountId: 'acc_1', status: 401, message: 'invalid x-api-key' });
    events.emit('tunnel-down', { tunnel: 'cloudflare', reason: 'cloudflared exited', restarting: true });
    assert.deepEqual(test.electron.notifications, [
      { title: 'Budget almost used up', body: 'Key key_1: $9.50 of $10.00 spent this month.' },
      { title: 'anthropic: sign in again', body: "The provider refused this account's credentials (HTTP 401). Open the dashboard to sign in again or replace the key." },
      { title: 'Tunnel cloudflare is down', body: 'cloudflared exited. Restarting it.' },
    ]);

    const restarted = hostReaches(test, 'running');
    await test.desktop?.host.restart();
    await restarted;
    assert.match(trayIcon.image, /tray-running\.png$/);
    // The new router's events reach the tray too; the old one's are gone with it.
    running(test).app.context.events.emit('health-changed', { status: 'down' });
    assert.match(trayIcon.image, /tray-degraded\.png$/);
  });

  it('closing the window hides it to the tray; a second launch shows it again; quitting really closes', async () => {
    test = await startTestDesktop();
    const main = window(test);
    assert.equal(main.close(), false);
    assert.equal(main.visible, false);
    assert.equal(test.desktop?.host.state.status, 'running');

    test.electron.app.emit('second-instance');
    assert.equal(main.visible, true);
    assert.equal(main.focused, true);

    const { url } = running(test);
    test.electron.app.quit();
    await test.electron.app.quitted;
    assert.equal(test.desktop?.host.state.status, 'stopped');
    await assert.rejects(fetch(`${url}/api/init`), TypeError);
    assert.equal(main.close(), true);
  });

  it('a second instance hands over and quits without starting a router', async () => {
    const electron = createFakeElectron({ hasLock: false });
    test = await startTestDesktop({ electron });
    assert.equal(test.desktop, undefined);
    assert.equal(electron.app.quitRequested, true);
    assert.equal(electron.windows.length, 0);
    assert.equal(electron.trays.length, 0);
  });

  it('keeps the window on our origin: no foreign navigation or redirect, no popups, https links open in the browser', async () => {
    test = await startTestDesktop();
    const { url } = running(test);
    const contents = window(test).webContents;
    assert.equal(contents.navigate(`${url}/#/providers`), true);
    assert.equal(contents.navigate('https://evil.example/'), false);
    assert.equal(contents.navigate('http://127.0.0.1:1/'), false);
    assert.equal(contents.navigate('file:///etc/passwd'), false);
    assert.equal(contents.navigate('https://evil.example/', 'will-redirect'), false);
    assert.equal(contents.open('https://docs.example.com/guide'), 'deny');
    assert.equal(contents.open('http://plain.example.com/'), 'deny');
    assert.equal(contents.open('javascript:alert(1)'), 'deny');
    assert.deepEqual(test.electron.openedExternal, ['https://docs.example.com/guide']);
  });

  it('IPC answers our page and refuses a foreign frame, another window, and bad arguments', async () => {
    test = await startTestDesktop();
    const { url } = running(test);
    const ours = { sender: { id: window(test).webContents.id }, senderFrame: { url: `${url}/#/settings` } };
    const state = (await test.electron.invoke('getTrayState', ours)) as TrayState;
    assert.equal(state.status, 'running');
    assert.equal(state.baseUrl, `${url}/v1`);

    const foreignFrame = { sender: ours.sender, senderFrame: { url: 'https://evil.example/' } };
    await assert.rejects(test.electron.invoke('getTrayState', foreignFrame), /not the OmniRoute window/);
    await assert.rejects(test.electron.invoke('toggleRouter', foreignFrame), /not the OmniRoute window/);
    await assert.rejects(test.electron.invoke('getTrayState', { sender: { id: ours.sender.id + 1000 }, senderFrame: ours.senderFrame }), /not the OmniRoute window/);
    await assert.rejects(test.electron.invoke('getTrayState', { sender: ours.sender, senderFrame: null }), /not the OmniRoute window/);
    await assert.rejects(test.electron.invoke('setOpenAtLogin', ours, 'yes'), /unexpected arguments/);
    assert.equal(test.desktop?.host.state.status, 'running');
  });

  it('the preload bridge calls main through the contract and receives state pushes', async () => {
    test = await startTestDesktop();
    const { url } = running(test);
    const contents = window(test).webContents;
    const frame = { sender: { id: contents.id }, senderFrame: { url: `${url}/` } };
    const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
    const bridge = createDesktopBridge({
      invoke: (channel, ...args) => test!.electron.invoke(channel, frame, ...args),
      on: (channel, listener) => listeners.set(channel, listener),
      removeListener: (channel) => listeners.delete(channel),
    });
    assert.equal(await bridge.getOpenAtLogin(), false);
    assert.equal(await bridge.setOpenAtLogin(true), true);
    const received: TrayState[] = [];
    const off = bridge.onTrayStateChanged((state) => received.push(state));
    // What main pushed to the window reaches the page's listener as the state alone.
    const pushed = contents.sent.filter((message) => message.channel === 'trayStateChanged').at(-1);
    assert.ok(pushed);
    listeners.get('trayStateChanged')?.({ sender: 'hidden from the page' }, ...pushed.args);
    assert.equal(received[0]?.openAtLogin, true);
    off();
    assert.equal(listeners.size, 0);
    const toggled = await bridge.toggleRouter();
    assert.equal(toggled.status, 'stopped');
  });

  it('open at login on Linux writes and removes the XDG autostart entry', async () => {
    test = await startTestDesktop();
    const entry = join(test.env.XDG_CONFIG_HOME as string, 'autostart', 'omniroute-desktop.desktop');
    const trayIcon = tray(test.electron);
    assert.equal(trayIcon.item('open-at-login').checked, false);
    trayIcon.click('open-at-login');
    await waitFor(() => existsSync(entry) && trayIcon.item('open-at-login').checked === true);
    const text = readFileSync(entry, 'utf8');
    assert.match(text, /^\[Desktop Entry\]\nType=Application\n/);
    assert.match(text, /\nExec="\/opt\/OmniRoute Desktop\/omniroute-desktop" --hidden\n/);
    trayIcon.click('open-at-login');
    await waitFor(() => !existsSync(entry) && trayIcon.item('open-at-login').checked === false);
  });

  it('open at login elsewhere goes through app.setLoginItemSettings, started hidden', async () => {
    test = await startTestDesktop({ platform: 'darwin' });
    tray(test.electron).click('open-at-login');
    await waitFor(() => test!.electron.app.loginItem.openAtLogin);
    assert.deepEqual(test.electron.app.loginItem, { openAtLogin: true, args: ['--hidden'] });
  });

  it('started with --hidden (at login) stays in the tray', async () => {
    test = await startTestDesktop({ argv: ['/opt/OmniRoute/omniroute-desktop', '--hidden'] });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(window(test).visible, false);
    assert.equal(running(test).app.context.lifecycle?.mode, 'desktop');
  });

  it('/api/shutdown quits the desktop app through the same path as the tray', async () => {
    test = await startTestDesktop();
    const { url } = running(test);
    const response = await fetch(`${url}/api/shutdown`, { method: 'POST', headers: { authorization: `Bearer ${test.adminToken}` } });
    assert.equal(response.status, 202);
    await test.electron.app.quitted;
    assert.equal(test.desktop?.host.state.status, 'stopped');
  });

  it('view logs opens the log folder', async () => {
    test = await startTestDesktop();
    tray(test.electron).click('view-logs');
    await waitFor(() => test!.electron.openedPaths.length === 1);
    assert.deepEqual(test.electron.openedPaths, [join(test.env.DATA_DIR as string, 'logs')]);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 200; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail('condition not reached within 2 s');
}
