/**
 * Upstream calls through a forward proxy, set in the settings (`/api/settings/proxy`): the real
 * router, the OpenAI simulator as the upstream and a loopback proxy simulator between them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { ProxyTestResultDto, UpstreamProxyViewDto } from '../../shared/proxy-settings.js';
import { closedPort } from '../support/closed-port.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startProxySimulator, type ProxySimulator } from '../support/proxy-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';


describe('/api/settings/proxy', () => {
  let router: TestRouter;
  let sim: OpenAiSimulator;
  let proxy: ProxySimulator;
  let client: OpenAI;

  before(async () => {
    sim = await startOpenAiSimulator({ models: ['gpt-4o-mini'] });
    proxy = await startProxySimulator();
    router = await startRouter();
    await router.addProvider({ name: 'up', kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey, models: sim.models });
    client = new OpenAI({ baseURL: `${router.url}/v1`, apiKey: 'any', maxRetries: 0 });
  });
  after(async () => {
    await router.close();
    await proxy.close();
    await sim.close();
  });

  const setProxy = async (body: unknown): Promise<Response> => router.manage('PUT', '/api/settings/proxy', body);
  const chat = () => client.chat.completions.create({ model: 'up/gpt-4o-mini', messages: [{ role: 'user', content: 'through the proxy' }] });

  it('goes direct by default, with this machine exempt from any proxy', async () => {
    const view = (await (await router.manage('GET', '/api/settings/proxy')).json()) as UpstreamProxyViewDto;
    assert.deepEqual({ url: view.url, noProxy: view.noProxy, source: view.effective.source }, { url: null, noProxy: ['localhost', '127.0.0.1', '::1'], source: 'none' });
    await chat();
    assert.equal(proxy.requests.length, 0);
  });

  it('sends upstream calls through the proxy set in the settings, and straight again once it is removed', async () => {
    const set = await setProxy({ url: proxy.url, noProxy: [] });
    assert.equal(set.status, 200, await set.clone().text());
    const view = (await set.json()) as UpstreamProxyViewDto;
    assert.deepEqual(view.effective, { https: proxy.url.replace(/\/$/, ''), http: proxy.url.replace(/\/$/, ''), noProxy: [], source: 'settings' });
    const answer = await chat();
    assert.match(answer.choices[0]?.message.content ?? '', /through the proxy/);
    assert.deepEqual(proxy.requests.map((request) => [request.method, request.target]), [['POST', `${sim.url}/chat/completions`]], 'an http upstream is asked through the proxy in absolute form');
    assert.equal((await router.manage('GET', '/api/settings')).status, 200);
    assert.deepEqual(((await (await router.manage('GET', '/api/settings')).json()) as { upstreamProxy: unknown }).upstreamProxy, { url: proxy.url, noProxy: [] }, 'the settings document shows it too');

    // An exemption for the upstream's host: straight there.
    await setProxy({ noProxy: ['127.0.0.1'] });
    await chat();
    assert.equal(proxy.requests.length, 1);

    await setProxy({ url: null, noProxy: [] });
    await chat();
    assert.equal(proxy.requests.length, 1, 'no proxy once it is removed (and none in the environment)');
  });

  it('tests a proxy: one request through it to a target, reported whatever happens', async () => {
    const ok = (await (await router.manage('POST', '/api/settings/proxy/test', { url: proxy.url, target: `${sim.url}/models` })).json()) as ProxyTestResultDto;
    assert.equal(ok.ok, true, ok.message);
    assert.equal(ok.proxy, `127.0.0.1:${proxy.port}`);
    assert.match(ok.message, /answered HTTP \d{3} through the proxy/, 'any answer means the upstream was reached');
    assert.equal(proxy.requests.at(-1)?.target, `${sim.url}/models`);

    const down = `http://127.0.0.1:${await closedPort()}`;
    const failed = (await (await router.manage('POST', '/api/settings/proxy/test', { url: down, target: sim.url })).json()) as ProxyTestResultDto;
    assert.equal(failed.ok, false);
    assert.match(failed.message, /through the proxy 127\.0\.0\.1:\d+: .*ECONNREFUSED/);

    // A typed proxy is tried as saving it would route: an exempt target goes direct.
    await setProxy({ noProxy: ['127.0.0.1'] });
    try {
      const exempt = (await (await router.manage('POST', '/api/settings/proxy/test', { url: proxy.url, target: sim.url })).json()) as ProxyTestResultDto;
      assert.equal(exempt.proxy, null);
      assert.match(exempt.message, /directly \(no proxy applies to it\)/);
    } finally {
      await setProxy({ noProxy: [] });
    }
  });

  it('a proxy that is down fails the call with a clear 502 naming the proxy, in the client\'s format', async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    await setProxy({ url: down, noProxy: [] });
    try {
      await assert.rejects(chat(), (error: unknown) => {
        assert.ok(error instanceof OpenAI.APIError);
        assert.equal(error.status, 502);
        assert.match(error.message, /Could not reach provider 'up' through the proxy 127\.0\.0\.1:\d+/);
        return true;
      });
    } finally {
      await setProxy({ url: null });
    }
  });

  it('refuses a proxy URL with credentials (settings hold no secret) or of another scheme', async () => {
    const withCredentials = await setProxy({ url: 'http://user:secret@proxy.example.com:3128' });
    assert.equal(withCredentials.status, 400);
    assert.match(((await withCredentials.json()) as { error: { message: string } }).error.message, /HTTPS_PROXY/);
    assert.equal((await setProxy({ url: 'socks5://proxy.example.com:1080' })).status, 400);
    assert.equal((await setProxy({ noProxy: [''] })).status, 400);
    const settings = (await (await router.manage('GET', '/api/settings/proxy')).json()) as UpstreamProxyViewDto;
    assert.equal(settings.url, null);
  });
});
