/**
 * The router's perimeter: Host and Origin checks (DNS rebinding, CSRF), CORS for listed origins,
 * the management token and the UI session cookie, and loopback-only binding. Requests go through
 * node:http because fetch will not send a chosen Host header.
 */
import assert from 'node:assert/strict';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { parseCli } from '../../main/cli-options.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json(): unknown;
}

function send(router: TestRouter, options: { method?: string; path: string; headers?: Record<string, string>; body?: unknown }): Promise<RawResponse> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers };
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port: router.port, method: options.method ?? 'GET', path: options.path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json: () => JSON.parse(text) });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function assertOpenAiError(response: RawResponse, status: number, type: string, message: RegExp): void {
  assert.equal(response.status, status, response.text);
  const body = response.json() as { error: Record<string, unknown> };
  assert.deepEqual(Object.keys(body), ['error']);
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'param', 'type']);
  assert.equal(body.error.type, type);
  assert.match(String(body.error.message), message);
  assert.match(String(response.headers['x-request-id']), /^req_/);
}

function assertManagementError(response: RawResponse, status: number, code: string, message: RegExp): void {
  assert.equal(response.status, status, response.text);
  const body = response.json() as { error: Record<string, unknown> };
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, code);
  assert.equal(body.error.requestId, response.headers['x-request-id']);
  assert.match(String(body.error.message), message);
}

/** The `name=value` part of a Set-Cookie header, and its attributes. */
function parseSetCookie(headers: IncomingHttpHeaders): { pair: string; attributes: string[] } | undefined {
  const header = headers['set-cookie']?.[0];
  if (header === undefined) return undefined;
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  return { pair: pair!, attributes };
}

describe('security', () => {
  let router: TestRouter;
  let bearer: Record<string, string>;
  let ownOrigin: string;

  before(async () => {
    router = await startRouter();
    bearer = { authorization: `Bearer ${router.adminToken}` };
    ownOrigin = `http://127.0.0.1:${router.port}`;
  });
  after(() => router?.close());

  describe('Host header', () => {
    it('refuses a foreign Host on the client API, before authentication', async () => {
      const response = await send(router, { path: '/v1/models', headers: { host: `evil.example:${router.port}` } });
      assertOpenAiError(response, 403, 'permission_error', /Host 'evil\.example:\d+' is not allowed/);
    });

    it('refuses a foreign Host on the management API even with the token', async () => {
      const response = await send(router, { path: '/api/providers', headers: { host: 'evil.example', ...bearer } });
      assertManagementError(response, 403, 'forbidden', /Host 'evil\.example' is not allowed/);
    });

    it('refuses a foreign Host on the sign-in link, so no cookie is set', async () => {
      const response = await send(router, { path: `/?token=${router.adminToken}`, headers: { host: 'evil.example' } });
      assert.equal(response.status, 403);
      assert.equal(response.headers['set-cookie'], undefined);
    });

    it('accepts the loopback names', async () => {
      for (const host of [`127.0.0.1:${router.port}`, `localhost:${router.port}`, `[::1]:${router.port}`, 'localhost']) {
        const response = await send(router, { path: '/v1/models', headers: { host } });
        assert.equal(response.status, 200, host);
      }
    });

    it('accepts a host listed in allowedHosts', async () => {
      assert.equal((await send(router, { path: '/v1/models', headers: { host: 'tunnel.example' } })).status, 403);
      await send(router, { method: 'PUT', path: '/api/settings', headers: bearer, body: { allowedHosts: ['Tunnel.Example'] } });
      try {
        assert.equal((await send(router, { path: '/v1/models', headers: { host: 'tunnel.example' } })).status, 200);
        assert.equal((await send(router, { path: '/v1/models', headers: { host: 'other.example' } })).status, 403);
      } finally {
        await send(router, { method: 'PUT', path: '/api/settings', headers: bearer, body: { allowedHosts: [] } });
      }
    });
  });

  describe('Origin header', () => {
    it('refuses a foreign Origin in the OpenAI envelope on /v1', async () => {
      const response = await send(router, { path: '/v1/models', headers: { origin: 'https://evil.example' } });
      assertOpenAiError(response, 403, 'permission_error', /Origin 'https:\/\/evil\.example' is not allowed/);
      assert.equal(response.headers['access-control-allow-origin'], undefined);
    });

    it('refuses a foreign Origin in the management envelope on /api, even with the token', async () => {
      const response = await send(router, { path: '/api/providers', headers: { origin: 'https://evil.example', ...bearer } });
      assertManagementError(response, 403, 'forbidden', /Origin 'https:\/\/evil\.example' is not allowed/);
    });

    it('refuses a foreign Origin on a preflight', async () => {
      const response = await send(router, {
        method: 'OPTIONS',
        path: '/v1/chat/completions',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(response.status, 403);
      assert.equal(response.headers['access-control-allow-origin'], undefined);
    });

    it('allows our own origin without CORS headers (it is same-origin)', async () => {
      for (const origin of [ownOrigin, `http://localhost:${router.port}`]) {
        const response = await send(router, { path: '/api/providers', headers: { origin, ...bearer } });
        assert.equal(response.status, 200, origin);
        assert.equal(response.headers['access-control-allow-origin'], undefined);
      }
      // The same name on another port is another origin.
      const otherPort = await send(router, { path: '/v1/models', headers: { origin: `http://127.0.0.1:${router.port + 1}` } });
      assert.equal(otherPort.status, 403);
    });

    it('gives an origin listed in allowedOrigins CORS headers and a 204 preflight', async () => {
      const origin = 'https://app.example';
      assert.equal((await send(router, { path: '/v1/models', headers: { origin } })).status, 403);
      const saved = await send(router, { method: 'PUT', path: '/api/settings', headers: bearer, body: { allowedOrigins: [origin + '/'] } });
      assert.equal(saved.status, 200);
      try {
        const preflight = await send(router, {
          method: 'OPTIONS',
          path: '/v1/chat/completions',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
        });
        assert.equal(preflight.status, 204);
        assert.equal(preflight.text, '');
        assert.equal(preflight.headers['access-control-allow-origin'], origin);
        assert.match(String(preflight.headers['access-control-allow-methods']), /\bPOST\b/);
        assert.equal(preflight.headers['access-control-allow-headers'], 'authorization, content-type');
        assert.equal(preflight.headers.vary, 'Origin');

        const actual = await send(router, { path: '/v1/models', headers: { origin } });
        assert.equal(actual.status, 200);
        assert.equal(actual.headers['access-control-allow-origin'], origin);
        assert.match(String(actual.headers['access-control-expose-headers']), /x-request-id/);
        assert.equal(actual.headers['access-control-allow-credentials'], undefined, 'cookies never ride on cross-origin calls');
      } finally {
        await send(router, { method: 'PUT', path: '/api/settings', headers: bearer, body: { allowedOrigins: [] } });
      }
      assert.equal((await send(router, { path: '/v1/models', headers: { origin } })).status, 403, 'removing the origin takes effect at once');
    });
    it('matches listed origins the way browsers send them', async () => {
      // Listed with a default port, a path and capitals; browsers send the bare lowercase origin.
      // A listed host on our own port number is still a foreign origin and needs CORS headers.
      const listed = ['HTTPS://App.Example:443/app/', `http://devbox.example:${router.port}`];
      assert.equal((await send(router, { method: 'PUT', path: '/api/settings', headers: bearer, body: { allowedOrigins: listed } })).status, 200);
      try {
        for (const origin of ['https://app.example', `http://devbox.example:${router.port}`]) {
          const response = await send(router, { path: '/v1/models', headers: { origin } });
          assert.equal(response.status, 200, origin);
          assert.equal(response.headers['access-control-allow-origin'], origin);
        }
        for (const origin of ['https://app.example:8443', 'http://app.example', 'null']) {
          assert.equal((await send(router, { path: '/v1/models', headers: { origin } })).status, 403, origin);
        }
      } finally {
        await send(router, { method: 'PUT', path: '/api/settings', headers: bearer, body: { allowedOrigins: [] } });
      }
    });

    it('refuses the opaque origin of sandboxed pages and files', async () => {
      const response = await send(router, { method: 'POST', path: '/v1/chat/completions', headers: { origin: 'null' }, body: { model: 'x', messages: [] } });
      assertOpenAiError(response, 403, 'permission_error', /Origin 'null' is not allowed/);
    });
  });

  describe('management token', () => {
    it('refuses /api without a token, with a wrong token, and accepts the right one', async () => {
      assertManagementError(await send(router, { path: '/api/providers' }), 401, 'unauthorized', /management token/);
      assertManagementError(await send(router, { path: '/api/providers', headers: { authorization: 'Bearer wrong-token' } }), 401, 'unauthorized', /management token/);
      assertManagementError(await send(router, { path: '/api/providers', headers: { authorization: router.adminToken } }), 401, 'unauthorized', /management token/);
      assertManagementError(await send(router, { path: '/api/settings', headers: { 'x-api-key': router.adminToken } }), 401, 'unauthorized', /management token/);
      const response = await send(router, { path: '/api/providers', headers: bearer });
      assert.equal(response.status, 200);
      assert.deepEqual(response.json(), { data: [] });
      assert.equal((await send(router, { path: '/api/providers', headers: { authorization: `bearer ${router.adminToken}` } })).status, 200, 'the scheme is case-insensitive');
    });

    it('refuses a token that is only a prefix or an extension of the right one', async () => {
      for (const token of [router.adminToken.slice(0, -1), router.adminToken + 'x']) {
        assert.equal((await send(router, { path: '/api/providers', headers: { authorization: `Bearer ${token}` } })).status, 401);
      }
    });
  });

  describe('UI session cookie', () => {
    it('trades the sign-in link for an HttpOnly SameSite=Strict cookie and a clean redirect', async () => {
      const response = await send(router, { path: `/?token=${encodeURIComponent(router.adminToken)}` });
      assert.equal(response.status, 303);
      assert.equal(response.headers.location, '/');
      const cookie = parseSetCookie(response.headers);
      assert.ok(cookie, 'a session cookie is set');
      assert.match(cookie.pair, /^omniroute_session=[A-Za-z0-9_-]{43}$/);
      assert.ok(!cookie.pair.includes(router.adminToken), 'the cookie is not the token itself');
      assert.ok(cookie.attributes.includes('HttpOnly'));
      assert.ok(cookie.attributes.includes('SameSite=Strict'));
      assert.ok(cookie.attributes.includes('Path=/'));

      const providers = await send(router, { path: '/api/providers', headers: { cookie: cookie.pair } });
      assert.equal(providers.status, 200);
      const session = await send(router, { path: '/api/auth/session', headers: { cookie: cookie.pair } });
      assert.deepEqual(session.json(), { authenticated: true });
    });

    it('forbids framing and type sniffing of the dashboard', async () => {
      const response = await send(router, { path: '/' });
      assert.equal(response.headers['content-security-policy'], "frame-ancestors 'none'");
      assert.equal(response.headers['x-frame-options'], 'DENY');
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
    });

    it('sets no cookie for a wrong token in the link', async () => {
      const response = await send(router, { path: '/?token=wrong-token' });
      assert.equal(response.status, 303);
      assert.equal(response.headers.location, '/?signin=invalid', 'the page can say why');
      assert.equal(response.headers['set-cookie'], undefined);
    });

    it('refuses a forged or empty cookie', async () => {
      for (const cookie of ['omniroute_session=forged', 'omniroute_session=', `omniroute_session=${router.adminToken}`]) {
        assert.equal((await send(router, { path: '/api/providers', headers: { cookie } })).status, 401, cookie);
      }
    });

    it('accepts a cookie-authenticated change only with our own Origin', async () => {
      const cookie = parseSetCookie((await send(router, { path: `/?token=${router.adminToken}` })).headers)!.pair;
      const withoutOrigin = await send(router, { method: 'POST', path: '/api/keys', headers: { cookie }, body: { name: 'from-ui' } });
      assertManagementError(withoutOrigin, 403, 'forbidden', /must carry an Origin header/);
      const withOrigin = await send(router, { method: 'POST', path: '/api/keys', headers: { cookie, origin: ownOrigin }, body: { name: 'from-ui' } });
      assert.equal(withOrigin.status, 201, withOrigin.text);
      const foreign = await send(router, { method: 'POST', path: '/api/keys', headers: { cookie, origin: 'https://evil.example' }, body: { name: 'from-evil' } });
      assert.equal(foreign.status, 403);
      const keys = (await send(router, { path: '/api/keys', headers: bearer })).json() as { data: { name: string }[] };
      assert.deepEqual(keys.data.map((key) => key.name), ['from-ui']);
    });

    it('logs in with the token, refuses a wrong one, and logs out', async () => {
      const login = await send(router, { method: 'POST', path: '/api/auth/login', body: { token: router.adminToken } });
      assert.equal(login.status, 204);
      const cookie = parseSetCookie(login.headers);
      assert.ok(cookie);
      assert.ok(cookie.attributes.includes('HttpOnly') && cookie.attributes.includes('SameSite=Strict'));
      assert.equal((await send(router, { path: '/api/settings', headers: { cookie: cookie.pair } })).status, 200);

      const wrong = await send(router, { method: 'POST', path: '/api/auth/login', body: { token: 'wrong-token' } });
      assertManagementError(wrong, 401, 'unauthorized', /not the management token/);
      assert.equal(wrong.headers['set-cookie'], undefined);
      assert.equal((await send(router, { method: 'POST', path: '/api/auth/login', body: {} })).status, 400);

      const logout = await send(router, { method: 'POST', path: '/api/auth/logout', headers: { cookie: cookie.pair, origin: ownOrigin } });
      assert.equal(logout.status, 204);
      const cleared = parseSetCookie(logout.headers);
      assert.ok(cleared);
      assert.equal(cleared.pair, 'omniroute_session=');
      assert.ok(cleared.attributes.includes('Max-Age=0'));
      const session = await send(router, { path: '/api/auth/session' });
      assert.deepEqual(session.json(), { authenticated: false });
    });
  });

  describe('binding', () => {
    it('listens on 127.0.0.1 only', async () => {
      assert.equal(router.url, `http://127.0.0.1:${router.port}`);
      // Another loopback address reaches this machine but not a socket bound to 127.0.0.1 alone;
      // a server bound to every interface would accept it.
      const refused = await new Promise<string>((resolve) => {
        const socket = connect({ host: '127.0.0.2', port: router.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
      assert.equal(refused, 'ECONNREFUSED');
    });

    it('defaults the CLI to 127.0.0.1:20128', () => {
      const parsed = parseCli([], {});
      assert.equal(parsed.command, 'serve');
      assert.ok(parsed.command === 'serve');
      assert.equal(parsed.options.host, '127.0.0.1');
      assert.equal(parsed.options.port, 20128);
      const serve = parseCli(['serve'], {});
      assert.ok(serve.command === 'serve');
      assert.equal(serve.options.host, '127.0.0.1');
    });
  });
});
