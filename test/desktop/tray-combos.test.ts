/** The tray's combo switch, through the management API of the real in-process router. */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import type { AppHostState } from '../../main/app-host.js';
import { listTrayCombos } from '../../main/desktop/tray-combos.js';
import { startTestDesktop, type TestDesktop } from './start-desktop.js';

describe('tray combos', () => {
  let test: TestDesktop | undefined;
  afterEach(async () => {
    await test?.quit();
    test = undefined;
  });

  it('lists the combos and switches the active one from the menu: the `active` alias routes to it', async () => {
    test = await startTestDesktop();
    const { url } = test.desktop?.host.state as Extract<AppHostState, { status: 'running' }>;
    const manage = (method: string, path: string, body?: unknown): Promise<Response> =>
      fetch(url + path, { method, headers: { authorization: `Bearer ${test!.adminToken}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    assert.equal((await manage('POST', '/api/providers', { name: 'sim', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-test-0123456789', models: ['m1'] })).status, 201);
    for (const name of ['fast', 'cheap']) {
      const created = await manage('POST', '/api/combos', { name, strategy: 'priority', targets: [{ model: 'sim/m1' }] });
      assert.equal(created.status, 201, await created.clone().text());
    }

    const tray = test.electron.trays[0];
    assert.ok(tray);
    assert.equal(tray.item('combos').enabled, false);
    await test.desktop?.controller.refreshCombos();
    const submenu = () => tray.item('combos').submenu as MenuItemConstructorOptions[];
    assert.deepEqual(submenu().map(({ label, checked }) => ({ label, checked })), [
      { label: 'cheap', checked: false },
      { label: 'fast', checked: false },
    ]);

    await test.desktop?.controller.setActiveCombo('fast');
    const aliases = (await (await manage('GET', '/api/models/alias')).json()) as { data: { alias: string; model: string }[] };
    assert.deepEqual(aliases.data, [{ alias: 'active', model: 'fast' }]);
    assert.deepEqual(submenu().map(({ label, checked }) => ({ label, checked })), [
      { label: 'cheap', checked: false },
      { label: 'fast', checked: true },
    ]);
    const availability = (await (await manage('POST', '/api/models/availability', { model: 'active' })).json()) as { targets: { target: string }[] };
    assert.equal(availability.targets[0]?.target, 'sim/m1', 'the model `active` routes through the chosen combo');
    await test.desktop?.controller.setActiveCombo('cheap');
    assert.deepEqual(submenu().map(({ checked }) => checked), [true, false]);
  });

  it('a router without /api/combos has none to list', async () => {
    const server = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      assert.deepEqual(await listTrayCombos({ url: `http://127.0.0.1:${port}`, adminToken: 'x' }), []);
    } finally {
      server.close();
    }
  });
});
