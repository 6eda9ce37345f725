import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { AuditLogDto } from '../../shared/api-types.js';
import { expectJson } from '../support/management-error.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { waitUntil } from '../support/wait-until.js';

describe('the management audit trail, /api/compliance/audit-log', () => {
  let router: TestRouter;
  const plantedKey = `sk-audit-${'Q'.repeat(40)}`;

  before(async () => {
    router = await startRouter();
  });
  after(() => router?.close());

  const trail = async (query = '') => expectJson<AuditLogDto>(await router.manage('GET', `/api/compliance/audit-log${query}`), 200);
  const newest = async () => (await trail('?limit=1')).data[0];

  it('records each change with who made it, from where and what came of it, and never a body', async () => {
    const created = await router.manage('POST', '/api/providers', { name: 'audited', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: plantedKey, models: ['m'] });
    assert.equal(created.status, 201);
    const entry = await newest();
    assert.deepEqual(
      { actor: entry?.actor, method: entry?.method, path: entry?.path, status: entry?.status, address: entry?.address, origin: entry?.origin },
      { actor: 'token', method: 'POST', path: '/api/providers', status: 201, address: '127.0.0.1', origin: null },
    );
    assert.ok(!Number.isNaN(Date.parse(entry?.at ?? '')));
    const refused = await router.manage('POST', '/api/providers', { name: 'audited', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1' });
    assert.equal(refused.status, 409);
    assert.deepEqual([(await newest())?.status, (await newest())?.path], [409, '/api/providers']);
    assert.ok(!JSON.stringify(await trail('?limit=1000')).includes(plantedKey), 'no key in the trail');
  });

  it('leaves out reads that succeed, and the query string', async () => {
    const before = (await trail()).total;
    assert.equal((await router.manage('GET', '/api/providers')).status, 200);
    assert.equal((await trail()).total, before, 'a read is not a change');
    assert.equal((await router.manage('DELETE', '/api/cache/stats?scope=all')).status, 200);
    assert.deepEqual([(await newest())?.method, (await newest())?.path], ['DELETE', '/api/cache/stats']);
  });

  it('records refusals: no token, a wrong token, even reads', async () => {
    const anonymous = await fetch(`${router.url}/api/providers`);
    assert.equal(anonymous.status, 401);
    assert.deepEqual([(await newest())?.actor, (await newest())?.method, (await newest())?.status], ['none', 'GET', 401]);
    const wrong = await fetch(`${router.url}/api/settings`, { method: 'PUT', headers: { authorization: 'Bearer not-the-token', 'content-type': 'application/json' }, body: '{}' });
    assert.equal(wrong.status, 401);
    assert.deepEqual([(await newest())?.actor, (await newest())?.method, (await newest())?.path, (await newest())?.status], ['none', 'PUT', '/api/settings', 401]);
  });

  it('tells the dashboard session from the token, and keeps the page\'s Origin', async () => {
    const login = await fetch(`${router.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: router.url }, body: JSON.stringify({ token: router.adminToken }) });
    assert.equal(login.status, 204);
    assert.deepEqual([(await newest())?.path, (await newest())?.status, (await newest())?.actor], ['/api/auth/login', 204, 'none']);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const changed = await fetch(`${router.url}/api/cache/stats`, { method: 'DELETE', headers: { cookie, origin: router.url } });
    assert.equal(changed.status, 200);
    assert.deepEqual([(await newest())?.actor, (await newest())?.origin], ['session', router.url]);
  });

  it('records a change whose client left before the answer as 499', async () => {
    const { port } = new URL(router.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    // Half a body, handed to the network, then the connection closed.
    const head = `PUT /api/settings HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${router.adminToken}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"requireApi`;
    await new Promise((resolve) => socket.write(head, resolve));
    socket.end();
    const entry = await waitUntil('the abandoned change is recorded', async () => {
      const newestEntry = await newest();
      return newestEntry?.status === 499 && newestEntry;
    });
    assert.deepEqual([entry.actor, entry.method, entry.path], ['token', 'PUT', '/api/settings']);
  });

  it('pages newest first with limit and before, and checks its query', async () => {
    const first = await trail('?limit=2');
    assert.equal(first.data.length, 2);
    assert.ok((first.data[0]?.id ?? 0) > (first.data[1]?.id ?? 0));
    const next = await trail(`?limit=2&before=${first.data[1]?.id}`);
    assert.ok(next.data.every((entry) => entry.id < (first.data[1]?.id ?? 0)));
    assert.equal((await router.manage('GET', '/api/compliance/audit-log?limit=0')).status, 400);
    assert.equal((await router.manage('GET', '/api/compliance/audit-log?limit=5000')).status, 400);
  });
});
