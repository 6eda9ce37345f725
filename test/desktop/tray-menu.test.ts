/** The tray menu and state as pure functions of the router's state. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import type { App } from '../../main/app.js';
import type { AppHostState } from '../../main/app-host.js';
import { buildTrayMenu, type TrayActions } from '../../main/desktop/tray-menu.js';
import { tunnelExtras } from '../../main/desktop/tray-tunnels.js';
import { trayStateOf, type TrayInputs } from '../../main/desktop/tray-state.js';
import type { RouterStatus, TrayState } from '../../shared/ipc-contract.js';

const running: AppHostState = { status: 'running', app: {} as App, url: 'http://127.0.0.1:20128', port: 20128 };
const inputs: TrayInputs = { host: running, health: 'healthy', errorText: null, openAtLogin: false, combos: [], extras: [] };

function recordingActions(): { actions: TrayActions; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const record =
    (name: string) =>
    (...args: unknown[]): void =>
      void calls.push([name, ...args]);
  const actions: TrayActions = {
    toggleRouter: record('toggleRouter'),
    copyText: record('copyText'),
    openDashboard: record('openDashboard'),
    showError: record('showError'),
    setActiveCombo: record('setActiveCombo'),
    setOpenAtLogin: record('setOpenAtLogin'),
    viewLogs: record('viewLogs'),
    quit: record('quit'),
  };
  return { actions, calls };
}

function item(menu: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = menu.find((candidate) => candidate.id === id);
  assert.ok(found, `menu item ${id}`);
  return found;
}

function click(menu: MenuItemConstructorOptions[], id: string): void {
  (item(menu, id).click as () => void)();
}

describe('trayStateOf', () => {
  const cases: [string, Partial<TrayInputs>, Pick<TrayState, 'status' | 'baseUrl' | 'error'>][] = [
    ['running and healthy', {}, { status: 'running', baseUrl: 'http://127.0.0.1:20128/v1', error: null }],
    ['running with failing targets', { health: 'degraded' }, { status: 'degraded', baseUrl: 'http://127.0.0.1:20128/v1', error: null }],
    ['running with every target down', { health: 'down' }, { status: 'degraded', baseUrl: 'http://127.0.0.1:20128/v1', error: null }],
    ['stopped', { host: { status: 'stopped' } }, { status: 'stopped', baseUrl: null, error: null }],
    ['failed to start', { host: { status: 'error', error: new Error('x') }, errorText: 'Port taken. Fix it.' }, { status: 'error', baseUrl: null, error: 'Port taken. Fix it.' }],
  ];
  for (const [name, overrides, expected] of cases) {
    it(name, () => {
      const state = trayStateOf({ ...inputs, ...overrides });
      assert.deepEqual({ status: state.status, baseUrl: state.baseUrl, error: state.error }, expected);
    });
  }

  it('lists combos only while the router runs', () => {
    const combos = [{ id: 'cmb_1', name: 'fast', enabled: true, active: false }];
    assert.deepEqual(trayStateOf({ ...inputs, combos }).combos, combos);
    assert.deepEqual(trayStateOf({ ...inputs, combos, host: { status: 'stopped' } }).combos, []);
  });
});

describe('buildTrayMenu', () => {
  const base: TrayState = { status: 'running', baseUrl: 'http://127.0.0.1:20128/v1', error: null, openAtLogin: false, combos: [], extras: [] };
  const expectations: Record<RouterStatus, { label: string; on: boolean; copy: boolean; second: string }> = {
    running: { label: 'Router running', on: true, copy: true, second: 'open-dashboard' },
    degraded: { label: 'Router running, some providers failing', on: true, copy: true, second: 'open-dashboard' },
    stopped: { label: 'Router stopped', on: false, copy: false, second: 'open-dashboard' },
    error: { label: 'Router could not start', on: false, copy: false, second: 'show-error' },
  };
  for (const [status, expected] of Object.entries(expectations) as [RouterStatus, (typeof expectations)[RouterStatus]][]) {
    it(`${status}: status line, toggle, base URL and the window entry`, () => {
      const state: TrayState = { ...base, status, baseUrl: expected.copy ? base.baseUrl : null };
      const menu = buildTrayMenu(state, recordingActions().actions);
      assert.equal(item(menu, 'status').label, expected.label);
      assert.equal(item(menu, 'status').enabled, false);
      assert.equal(item(menu, 'router').checked, expected.on);
      assert.equal(item(menu, 'copy-base-url').enabled, expected.copy);
      assert.ok(menu.some((candidate) => candidate.id === expected.second));
      assert.deepEqual(
        menu.filter((candidate) => candidate.id).map((candidate) => candidate.id),
        ['status', 'router', 'copy-base-url', expected.second, 'combos', 'open-at-login', 'view-logs', 'quit'],
      );
    });
  }

  it('wires each item to its action', () => {
    const { actions, calls } = recordingActions();
    const menu = buildTrayMenu({ ...base, openAtLogin: true }, actions);
    for (const id of ['router', 'copy-base-url', 'open-dashboard', 'open-at-login', 'view-logs', 'quit']) click(menu, id);
    click(buildTrayMenu({ ...base, status: 'error', baseUrl: null }, actions), 'show-error');
    assert.deepEqual(calls, [['toggleRouter'], ['copyText', 'http://127.0.0.1:20128/v1'], ['openDashboard'], ['setOpenAtLogin', false], ['viewLogs'], ['quit'], ['showError']]);
  });

  it('active combo: a radio item per combo, the active one checked, disabled combos not choosable; disabled when there are none', () => {
    const { actions, calls } = recordingActions();
    assert.equal(item(buildTrayMenu(base, actions), 'combos').enabled, false);
    const combos = [
      { id: 'cmb_a', name: 'fast', enabled: true, active: false },
      { id: 'cmb_b', name: 'cheap', enabled: true, active: true },
      { id: 'cmb_c', name: 'old', enabled: false, active: false },
    ];
    const submenu = item(buildTrayMenu({ ...base, combos }, actions), 'combos').submenu as MenuItemConstructorOptions[];
    assert.deepEqual(submenu.map(({ label, checked, type, enabled }) => ({ label, checked, type, enabled })), [
      { label: 'fast', checked: false, type: 'radio', enabled: true },
      { label: 'cheap', checked: true, type: 'radio', enabled: true },
      { label: 'old (off)', checked: false, type: 'radio', enabled: false },
    ]);
    (submenu[0]?.click as () => void)();
    assert.deepEqual(calls, [['setActiveCombo', 'fast']]);
  });

  it('extras from other parts of the app appear before the settings, clickable when they copy something', () => {
    const { actions, calls } = recordingActions();
    const menu = buildTrayMenu({ ...base, extras: [{ id: 'tunnel:cloudflare', label: 'Tunnel: https://a.trycloudflare.com', copyText: 'https://a.trycloudflare.com' }, { id: 'note', label: 'Just a note' }] }, actions);
    assert.equal(item(menu, 'note').enabled, false);
    click(menu, 'tunnel:cloudflare');
    assert.deepEqual(calls, [['copyText', 'https://a.trycloudflare.com']]);
    const ids = menu.map((candidate) => candidate.id);
    assert.ok(ids.indexOf('tunnel:cloudflare') < ids.indexOf('open-at-login'));
  });
});

describe('tunnelExtras', () => {
  it('a line per tunnel that is not stopped; a running one copies its /v1 URL', () => {
    const extras = tunnelExtras([
      { kind: 'cloudflared', label: 'Cloudflare Quick Tunnel', state: 'running', publicUrl: 'https://a-b.trycloudflare.com', lastError: null },
      { kind: 'ngrok', label: 'ngrok', state: 'stopped', publicUrl: null, lastError: null },
      { kind: 'tailscale', label: 'Tailscale Funnel', state: 'restarting', publicUrl: null, lastError: 'exited with code 1' },
    ]);
    assert.deepEqual(extras, [
      { id: 'tunnel:cloudflared', label: 'Cloudflare Quick Tunnel: copy https://a-b.trycloudflare.com/v1', copyText: 'https://a-b.trycloudflare.com/v1' },
      { id: 'tunnel:tailscale', label: 'Tailscale Funnel: restarting' },
    ]);
  });
});
