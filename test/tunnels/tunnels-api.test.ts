/**
 * `/api/tunnels/*` against the real router, with a stand-in `cloudflared` on PATH that prints its
 * URL the way cloudflared does, exits on SIGTERM and crashes on demand: the API-key refusal, URL
 * parsing, the public host accepted by the Host check only while the tunnel runs, the management
 * API and dashboard refused through it, restarts with bounded backoff and the `tunnel-down` event,
 * the start timeout, and that no daemon outlives a stop, a settings change or the app.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TunnelActionResultDto, TunnelStatusDto } from '../../shared/tunnels.js';
import type { AppEventMap } from '../../main/util/app-events.js';
import { createFakeTunnelDaemon, type FakeTunnelDaemon } from '../support/fake-tunnel-daemon.js';
import { rawRequest } from '../support/raw-request.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { isProcessAlive, waitUntil } from '../support/wait-until.js';

const timings = { urlTimeoutMs: 3_000, stopGraceMs: 500, restartDelaysMs: [100, 200, 300], healthyAfterMs: 60_000 };

async function tunnelAction(router: TestRouter, kind: string, action: string): Promise<{ status: number; body: TunnelActionResultDto & { error?: { message: string } } }> {
  const response = await router.manage('POST', `/api/tunnels/${kind}`, { action });
  return { status: response.status, body: (await response.json()) as TunnelActionResultDto & { error?: { message: string } } };
}

async function tunnelStatus(router: TestRouter, kind = 'cloudflared'): Promise<TunnelStatusDto> {
  const response = await router.manage('GET', `/api/tunnels/${kind}`);
  assert.equal(response.status, 200);
  return (await response.json()) as TunnelStatusDto;
}

/** Turns on what a tunnel requires, and returns the client API key. */
async function allowTunnels(router: TestRouter): Promise<string> {
  assert.equal((await router.manage('PUT', '/api/settings', { requireApiKey: true })).status, 200);
  const created = await router.manage('POST', '/api/keys', { name: 'tunnel client' });
  return ((await created.json()) as { key: string }).key;
}

function hostOf(url: string | null): string {
  assert.ok(url);
  return new URL(url).host;
}

describe('tunnels: cloudflared stand-in through the real server', () => {
  let daemon: FakeTunnelDaemon;
  let router: TestRouter;
  let clientKey: string;
  const downs: AppEventMap['tunnel-down'][] = [];

  before(async () => {
    daemon = createFakeTunnelDaemon('cloudflared');
    router = await startRouter({ env: { PATH: daemon.dir }, tunnelTimings: timings });
    router.app.context.events.on('tunnel-down', (event) => downs.push(event));
  });
  after(async () => {
    await router?.close();
    daemon?.remove();
  });

  it('lists every kind with its install probe and state', async () => {
    const response = await router.manage('GET', '/api/tunnels');
    assert.equal(response.status, 200);
    const { data } = (await response.json()) as { data: TunnelStatusDto[] };
    assert.deepEqual(
      data.map((tunnel) => [tunnel.kind, tunnel.state, tunnel.running]),
      [
        ['cloudflared', 'stopped', false],
        ['ngrok', 'stopped', false],
        ['tailscale', 'stopped', false],
      ],
    );
    const [cloudflared, ngrok] = data;
    assert.equal(cloudflared!.installed, true);
    assert.equal(cloudflared!.commandPath, `${daemon.dir}/cloudflared`);
    assert.equal(cloudflared!.targetUrl, `http://127.0.0.1:${router.port}`);
    assert.equal(ngrok!.installed, false);
    assert.equal(ngrok!.commandPath, null);
    assert.match(ngrok!.reason, /ngrok was not found.*https:\/\/ngrok\.com\/download/s);
  });

  it('refuses to start while client API keys are not required, and says how to fix it', async () => {
    const { status, body } = await tunnelAction(router, 'cloudflared', 'enable');
    assert.equal(status, 409);
    assert.match(body.error!.message, /Turn on "Require API key" first .*PUT \/api\/settings/);
    assert.deepEqual(daemon.pids(), []);
  });

  it('refuses to start while API keys are required but none exists', async () => {
    assert.equal((await router.manage('PUT', '/api/settings', { requireApiKey: true })).status, 200);
    const { status, body } = await tunnelAction(router, 'cloudflared', 'enable');
    assert.equal(status, 409);
    assert.match(body.error!.message, /at least one client API key.*POST \/api\/keys/);
    assert.deepEqual(daemon.pids(), []);
  });

  it('starts the daemon, reads its URL and serves the client API on the public host only', async () => {
    clientKey = await allowTunnels(router);
    const { status, body } = await tunnelAction(router, 'cloudflared', 'enable');
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.success, true);
    assert.equal(body.action, 'enable');
    const tunnel = body.status;
    assert.equal(tunnel.state, 'running');
    assert.match(tunnel.publicUrl ?? '', /^https:\/\/[a-z]+-[a-z]+-[a-z]+-\d+\.trycloudflare\.com$/);
    assert.equal(tunnel.apiUrl, `${tunnel.publicUrl}/v1`);
    assert.equal(tunnel.pid, daemon.pids()[0]);
    assert.equal(tunnel.restarts, 0);
    assert.ok(tunnel.startedAt && Date.parse(tunnel.startedAt) <= Date.now());
    assert.deepEqual(daemon.runs(), [['tunnel', '--url', `http://127.0.0.1:${router.port}`, '--no-autoupdate']]);

    const host = hostOf(tunnel.publicUrl);
    assert.equal((await rawRequest(router.port, { path: '/v1/models', headers: { host, authorization: `Bearer ${clientKey}` } })).status, 200);
    assert.equal((await rawRequest(router.port, { path: '/v1/models', headers: { host } })).status, 401);
    // The user's own allowedHosts setting is left alone.
    assert.deepEqual(((await (await router.manage('GET', '/api/settings')).json()) as { allowedHosts: string[] }).allowedHosts, []);
  });

  it('refuses the management API and the dashboard through the tunnel, even with the token', async () => {
    const host = hostOf((await tunnelStatus(router)).publicUrl);
    const bearer = { authorization: `Bearer ${router.adminToken}` };
    for (const [method, path, body] of [
      ['GET', '/api/tunnels', undefined],
      ['GET', '/api/settings', undefined],
      ['POST', '/api/tunnels/cloudflared', { action: 'disable' }],
      ['POST', '/api/auth/login', { token: router.adminToken }],
      ['GET', '/', undefined],
    ] as const) {
      const answer = await rawRequest(router.port, { method, path, headers: { host, ...bearer }, body });
      assert.equal(answer.status, 403, `${method} ${path}`);
      assert.match(answer.text, /not available through a tunnel/);
      assert.equal(answer.headers['set-cookie'], undefined);
    }
    const signIn = await rawRequest(router.port, { path: `/?token=${router.adminToken}`, headers: { host } });
    assert.equal(signIn.status, 403);
    assert.equal(signIn.headers['set-cookie'], undefined);
  });

  it('refuses the management API on loopback too when the request carries a tunnel daemon forwarding header', async () => {
    const bearer = { authorization: `Bearer ${router.adminToken}` };
    for (const header of ['cf-connecting-ip', 'x-forwarded-for', 'tailscale-funnel-request']) {
      const answer = await rawRequest(router.port, { path: '/api/settings', headers: { ...bearer, [header]: '203.0.113.9' } });
      assert.equal(answer.status, 403, header);
    }
    assert.equal((await rawRequest(router.port, { path: '/api/settings', headers: bearer })).status, 200);
    const client = await rawRequest(router.port, { path: '/v1/models', headers: { authorization: `Bearer ${clientKey}`, 'cf-connecting-ip': '203.0.113.9' } });
    assert.equal(client.status, 200);
  });

  it('restarts a daemon that crashed, with its new URL, and emits tunnel-down', async () => {
    const before = await tunnelStatus(router);
    daemon.crash();
    const after = await waitUntil('the tunnel runs again', async () => {
      const status = await tunnelStatus(router);
      return status.state === 'running' && status.pid !== before.pid ? status : undefined;
    });
    assert.equal(downs.length, 1);
    assert.equal(downs[0]!.tunnel, 'cloudflared');
    assert.equal(downs[0]!.restarting, true);
    assert.match(downs[0]!.reason, /Cloudflare Quick Tunnel exited with code 1\. Its last output:\n[^]*Connection terminated/);
    assert.equal(after.restarts, 1);
    assert.notEqual(after.publicUrl, before.publicUrl);
    assert.equal(isProcessAlive(before.pid!), false);
    const withKey = { authorization: `Bearer ${clientKey}` };
    assert.equal((await rawRequest(router.port, { path: '/v1/models', headers: { host: hostOf(before.publicUrl), ...withKey } })).status, 403);
    assert.equal((await rawRequest(router.port, { path: '/v1/models', headers: { host: hostOf(after.publicUrl), ...withKey } })).status, 200);
  });

  it('gives up after the bounded number of restarts and says so', async () => {
    const runsBefore = daemon.pids().length;
    const host = hostOf((await tunnelStatus(router)).publicUrl);
    daemon.behave({ mode: 'fail' });
    daemon.crash();
    const failed = await waitUntil('the watchdog gives up', async () => {
      const status = await tunnelStatus(router);
      return status.state === 'error' ? status : undefined;
    });
    // The restart after the first crash counts too: that daemon died before it had been healthy
    // for healthyAfterMs, so only the rest of the budget was left.
    assert.equal(daemon.pids().length, runsBefore + timings.restartDelaysMs.length - 1);
    assert.equal(failed.restarts, timings.restartDelaysMs.length);
    assert.equal(failed.publicUrl, null);
    assert.equal(failed.pid, null);
    assert.match(failed.lastError ?? '', /failed to request quick Tunnel[^]*Gave up after 3 restarts in a row/);
    assert.deepEqual(
      downs.slice(1).map((event) => event.restarting),
      [true, false],
    );
    assert.ok(daemon.pids().every((pid) => !isProcessAlive(pid)));
    assert.equal((await rawRequest(router.port, { path: '/v1/models', headers: { host, authorization: `Bearer ${clientKey}` } })).status, 403);
  });

  it('fails a start after the timeout when no URL appears, quoting the daemon, and leaves no process', async () => {
    daemon.behave({ mode: 'silent' });
    const { status, body } = await tunnelAction(router, 'cloudflared', 'enable');
    assert.equal(status, 502);
    assert.match(body.error!.message, /Cloudflare Quick Tunnel printed no public URL within 3 s\. Its last output:\n.*Requesting new quick Tunnel on trycloudflare\.com/s);
    const pid = daemon.pids().at(-1)!;
    assert.equal(isProcessAlive(pid), false);
    const tunnel = await tunnelStatus(router);
    assert.equal(tunnel.state, 'error');
    assert.match(tunnel.lastError ?? '', /no public URL/);
  });

  it('disable stops the daemon and its host is refused again', async () => {
    daemon.behave({ mode: 'url' });
    const started = (await tunnelAction(router, 'cloudflared', 'enable')).body.status;
    const { status, body } = await tunnelAction(router, 'cloudflared', 'disable');
    assert.equal(status, 200);
    assert.equal(body.status.state, 'stopped');
    assert.equal(body.status.publicUrl, null);
    assert.equal(isProcessAlive(started.pid!), false);
    assert.equal((await rawRequest(router.port, { path: '/v1/models', headers: { host: hostOf(started.publicUrl), authorization: `Bearer ${clientKey}` } })).status, 403);
  });

  it('kills a daemon that ignores the stop signal once the grace period is over', async () => {
    daemon.behave({ mode: 'url', ignoreStopSignal: true });
    const started = (await tunnelAction(router, 'cloudflared', 'enable')).body.status;
    assert.equal(started.state, 'running');
    assert.equal((await tunnelAction(router, 'cloudflared', 'disable')).status, 200);
    assert.equal(isProcessAlive(started.pid!), false);
    daemon.behave({ ignoreStopSignal: false });
  });

  it('stops the tunnel as soon as "Require API key" is turned off', async () => {
    const started = (await tunnelAction(router, 'cloudflared', 'enable')).body.status;
    const host = hostOf(started.publicUrl);
    const eventsBefore = downs.length;
    assert.equal((await router.manage('PUT', '/api/settings', { requireApiKey: false })).status, 200);
    // Refused at once, before the daemon has even exited.
    assert.equal((await rawRequest(router.port, { path: '/v1/models', headers: { host } })).status, 403);
    await waitUntil('the daemon exits', () => !isProcessAlive(started.pid!));
    const tunnel = await tunnelStatus(router);
    assert.equal(tunnel.state, 'stopped');
    assert.match(tunnel.lastError ?? '', /"Require API key" was turned off/);
    assert.deepEqual(downs.slice(eventsBefore), [{ tunnel: 'cloudflared', reason: tunnel.lastError, restarting: false }]);
  });

  it('answers 404 for an unknown kind and 400 for an unknown action', async () => {
    assert.equal((await router.manage('GET', '/api/tunnels/localtunnel')).status, 404);
    assert.equal((await tunnelAction(router, 'localtunnel', 'enable')).status, 404);
    const { status, body } = await tunnelAction(router, 'cloudflared', 'restart');
    assert.equal(status, 400);
    assert.match(body.error!.message, /action/);
  });
});

describe('tunnels: app shutdown', () => {
  it('stops a running tunnel when the app closes, leaving no daemon behind', async () => {
    const daemon = createFakeTunnelDaemon('cloudflared');
    try {
      const router = await startRouter({ env: { PATH: daemon.dir }, tunnelTimings: timings });
      await allowTunnels(router);
      const started = (await tunnelAction(router, 'cloudflared', 'enable')).body.status;
      assert.equal(started.state, 'running');
      assert.equal(isProcessAlive(started.pid!), true);
      await router.close();
      assert.equal(isProcessAlive(started.pid!), false);
      assert.deepEqual(router.app.context.tunnels.runtime().map((tunnel) => tunnel.state), ['stopped', 'stopped', 'stopped']);
    } finally {
      daemon.remove();
    }
  });
});

describe('tunnels: restart budget', () => {
  it('gives a daemon that stayed up for healthyAfterMs the full budget back', async () => {
    const daemon = createFakeTunnelDaemon('cloudflared');
    const router = await startRouter({ env: { PATH: daemon.dir }, tunnelTimings: { ...timings, restartDelaysMs: [50], healthyAfterMs: 1_000 } });
    try {
      await allowTunnels(router);
      assert.equal((await tunnelAction(router, 'cloudflared', 'enable')).status, 200);
      for (let crash = 1; crash <= 2; crash += 1) {
        // Longer than healthyAfterMs, so each crash starts a fresh budget of one restart.
        await new Promise((resolve) => setTimeout(resolve, 1_200));
        daemon.crash();
        await waitUntil(`restart ${crash} is up`, async () => (await tunnelStatus(router)).restarts === crash && (await tunnelStatus(router)).state === 'running');
      }
      // A crash right after a restart finds the budget of one used up.
      daemon.crash();
      const failed = await waitUntil('the watchdog gives up', async () => {
        const status = await tunnelStatus(router);
        return status.state === 'error' ? status : undefined;
      });
      assert.equal(failed.restarts, 2);
      assert.equal(daemon.pids().length, 3);
    } finally {
      await router.close();
      daemon.remove();
    }
  });
});

describe('tunnels: ngrok stand-in', () => {
  let daemon: FakeTunnelDaemon;
  let router: TestRouter;

  before(async () => {
    daemon = createFakeTunnelDaemon('ngrok');
    router = await startRouter({ env: { PATH: daemon.dir }, tunnelTimings: timings });
    await allowTunnels(router);
  });
  after(async () => {
    await router?.close();
    daemon?.remove();
  });

  it('reads the URL from the JSON log record and starts with JSON logging on stdout', async () => {
    const { status, body } = await tunnelAction(router, 'ngrok', 'enable');
    assert.equal(status, 200, JSON.stringify(body));
    assert.match(body.status.publicUrl ?? '', /^https:\/\/[a-z]+-[a-z]+-[a-z]+-\d+\.ngrok-free\.app$/);
    assert.deepEqual(daemon.runs(), [['http', `http://127.0.0.1:${router.port}`, '--log', 'stdout', '--log-format', 'json']]);
    assert.equal((await tunnelAction(router, 'ngrok', 'disable')).status, 200);
    assert.equal(isProcessAlive(body.status.pid!), false);
  });

  it('reports the daemon’s own error when it exits before a URL', async () => {
    daemon.behave({ mode: 'fail' });
    const { status, body } = await tunnelAction(router, 'ngrok', 'enable');
    assert.equal(status, 502);
    assert.match(body.error!.message, /ngrok exited with code 1 before it printed a public URL\. Its last output:\n[^]*requires a verified account and authtoken/);
  });

  it('refuses a kind whose daemon is not installed, pointing at its download', async () => {
    const { status, body } = await tunnelAction(router, 'cloudflared', 'enable');
    assert.equal(status, 409);
    assert.match(body.error!.message, /cloudflared was not found[^]*https:\/\/developers\.cloudflare\.com\//);
  });
});
