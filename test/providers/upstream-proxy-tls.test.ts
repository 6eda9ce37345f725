/**
 * An https upstream behind an authenticating corporate proxy named by `HTTPS_PROXY`: `omniroute
 * serve` tunnels with CONNECT (credentials from the URL, as curl sends them) and speaks TLS to the
 * upstream inside the tunnel, verifying its certificate (a test CA via NODE_EXTRA_CA_CERTS). The
 * upstream is the OpenAI simulator behind a TLS terminator with a certificate made by openssl.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import OpenAI from 'openai';
import type { UpstreamProxyViewDto } from '../../shared/proxy-settings.js';
import { cliAdminToken, startCli, type RunningCli } from '../support/cli-process.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startProxySimulator, type ProxySimulator } from '../support/proxy-simulator.js';

describe('https upstreams through an HTTPS_PROXY that wants credentials', () => {
  let folder: string;
  let sim: OpenAiSimulator;
  let proxy: ProxySimulator;
  let tls: TlsServer;
  let tlsPort: number;
  const connections = new Set<Socket>();
  const started: RunningCli[] = [];

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'omniroute-proxy-tls-'));
    // A self-signed certificate for 127.0.0.1, trusted by the router through NODE_EXTRA_CA_CERTS.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem')], { stdio: 'ignore' });
    sim = await startOpenAiSimulator({ models: ['gpt-4o-mini'] });
    tls = createTlsServer({ key: readFileSync(join(folder, 'key.pem')), cert: readFileSync(join(folder, 'cert.pem')) }, (secure) => {
      const plain = connect({ host: '127.0.0.1', port: sim.port });
      for (const socket of [secure, plain]) {
        connections.add(socket);
        socket.on('close', () => connections.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      secure.pipe(plain).pipe(secure);
    });
    tls.listen(0, '127.0.0.1');
    await once(tls, 'listening');
    tlsPort = (tls.address() as { port: number }).port;
    proxy = await startProxySimulator({ credentials: { user: 'dev', password: 'p@ss word' } });
  });
  after(async () => {
    for (const running of started) if (running.child.exitCode === null) running.child.kill('SIGKILL');
    for (const socket of connections) socket.destroy();
    await new Promise<void>((resolve) => tls.close(() => resolve()));
    await proxy.close();
    await sim.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const serveBehind = async (proxyUrl: string): Promise<RunningCli> => {
    const dataDir = mkdtempSync(join(folder, 'data-'));
    const running = await startCli(dataDir, { HTTPS_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: join(folder, 'cert.pem'), NO_PROXY: '' });
    started.push(running);
    const manage = (method: string, path: string, body: unknown) =>
      fetch(running.url + path, { method, headers: { authorization: `Bearer ${cliAdminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    // 127.0.0.1 is exempt by default; the upstream here stands for a remote one.
    assert.equal((await manage('PUT', '/api/settings/proxy', { noProxy: [] })).status, 200);
    assert.equal((await manage('POST', '/api/providers', { name: 'remote', kind: 'openai', baseUrl: `https://127.0.0.1:${tlsPort}/v1`, apiKey: sim.apiKey, models: ['gpt-4o-mini'] })).status, 201);
    return running;
  };

  it('tunnels with CONNECT and the proxy credentials, verifies the upstream certificate, and never shows the password', async () => {
    const running = await serveBehind(`http://dev:${encodeURIComponent('p@ss word')}@127.0.0.1:${proxy.port}`);
    const client = new OpenAI({ baseURL: `${running.url}/v1`, apiKey: 'any', maxRetries: 0 });
    const answer = await client.chat.completions.create({ model: 'remote/gpt-4o-mini', messages: [{ role: 'user', content: 'over tls' }] });
    assert.match(answer.choices[0]?.message.content ?? '', /over tls/);
    const tunnel = proxy.requests.find((request) => request.method === 'CONNECT');
    assert.equal(tunnel?.target, `127.0.0.1:${tlsPort}`);
    assert.equal(tunnel?.proxyAuthorization, `Basic ${Buffer.from('dev:p@ss word').toString('base64')}`);
    assert.ok(!proxy.requests.some((request) => request.method !== 'CONNECT'), 'the proxy saw a tunnel, never the request itself');
    assert.equal(sim.requests.at(-1)?.headers.authorization, `Bearer ${sim.apiKey}`);

    const view = (await (await fetch(`${running.url}/api/settings/proxy`, { headers: { authorization: `Bearer ${cliAdminToken}` } })).text());
    assert.ok(!view.includes('p%40ss') && !view.includes('p@ss'), view);
    assert.deepEqual((JSON.parse(view) as UpstreamProxyViewDto).effective, { https: `http://***@127.0.0.1:${proxy.port}`, http: null, noProxy: [], source: 'environment' });
  });

  it('answers a clear 502 when the proxy refuses the credentials', async () => {
    const running = await serveBehind(`http://dev:wrong@127.0.0.1:${proxy.port}`);
    const client = new OpenAI({ baseURL: `${running.url}/v1`, apiKey: 'any', maxRetries: 0 });
    await assert.rejects(client.chat.completions.create({ model: 'remote/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, 502);
      assert.match(error.message, /through the proxy 127\.0\.0\.1:\d+: Proxy 127\.0\.0\.1:\d+ refused CONNECT 127\.0\.0\.1:\d+: HTTP\/1\.1 407/);
      assert.ok(!error.message.includes('wrong'), 'the password is not in the message');
      return true;
    });
  });
});
