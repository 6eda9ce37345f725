/**
 * `/api/init`, `/api/restart` and `/api/shutdown` through the real server hosted by AppHost, the
 * way the CLI and the desktop app host it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, describe, it } from 'node:test';
import type { AppHostState } from '../../main/app-host.js';
import type { InitInfo } from '../../main/api/system-routes.js';
import { createTestHost, type TestHost } from '../support/start-host.js';
import { startRouter } from '../support/start-router.js';

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function call(url: string, token: string, method: string, path: string): Promise<Response> {
  return fetch(url + path, { method, headers: { authorization: `Bearer ${token}` } });
}

function nextState(test: TestHost, status: AppHostState['status']): Promise<AppHostState> {
  return new Promise((resolve) => {
    const off = test.host.onChange((state) => {
      if (state.status !== status) return;
      off();
      resolve(state);
    });
  });
}

describe('/api/init, /api/restart, /api/shutdown', () => {
  let test: TestHost | undefined;
  afterEach(() => test?.dispose());

  it('GET /api/init tells the UI the version, the mode, first-run state and the base URL', async () => {
    test = createTestHost({ mode: 'desktop' });
    const { url, port } = await test.host.start();
    const response = await call(url, test.adminToken, 'GET', '/api/init');
    assert.equal(response.status, 200);
    const info = (await response.json()) as InitInfo;
    assert.deepEqual(info, { version: packageVersion, mode: 'desktop', providersConfigured: false, requireApiKey: false, baseUrl: `http://127.0.0.1:${port}/v1` });
    assert.equal((await fetch(url + '/api/init')).status, 401);
  });

  it('restart answers 202 first, then serves again on the same port with a fresh router', async () => {
    test = createTestHost();
    const first = await test.host.start();
    const stopped = nextState(test, 'stopped');
    const running = nextState(test, 'running');
    const response = await call(first.url, test.adminToken, 'POST', '/api/restart');
    assert.equal(response.status, 202);
    assert.deepEqual(await response.json(), { ok: true, action: 'restart' });
    await stopped;
    const again = (await running) as Extract<AppHostState, { status: 'running' }>;
    assert.equal(again.port, first.port);
    assert.notEqual(again.app, first.app);
    const after = await call(first.url, test.adminToken, 'GET', '/api/init');
    assert.equal(after.status, 200);
  });

  it('shutdown answers 202, closes the server gracefully and asks the host to exit', async () => {
    test = createTestHost();
    const { url } = await test.host.start();
    const response = await call(url, test.adminToken, 'POST', '/api/shutdown');
    assert.equal(response.status, 202);
    assert.deepEqual(await response.json(), { ok: true, action: 'shutdown' });
    await test.exited;
    assert.equal(test.host.state.status, 'stopped');
    await assert.rejects(fetch(url + '/api/init'), TypeError);
  });

  it('restart and shutdown need the management token', async () => {
    test = createTestHost();
    const { url } = await test.host.start();
    for (const action of ['restart', 'shutdown']) {
      assert.equal((await fetch(`${url}/api/${action}`, { method: 'POST' })).status, 401);
    }
    assert.equal(test.host.state.status, 'running');
  });

  describe('without a host', () => {
    let router: Awaited<ReturnType<typeof startRouter>>;
    after(() => router?.close());

    it('answers 501 and keeps serving', async () => {
      router = await startRouter();
      const response = await router.manage('POST', '/api/restart');
      assert.equal(response.status, 501);
      assert.equal((await router.manage('GET', '/api/init')).status, 200);
    });
  });
});
