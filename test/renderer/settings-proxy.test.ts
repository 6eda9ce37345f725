/**
 * The Settings page's "Upstream proxy" section in a real browser against the real router, with the
 * OpenAI simulator as the provider and a loopback proxy simulator between them: what is in effect,
 * saving a proxy with the page's "Save settings" (chats then go through it), the test button, a URL
 * with credentials refused at its field (by the page, and by the server when the page is bypassed),
 * clearing it (chats go direct again), and an environment proxy shown without its credentials.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { Page } from 'playwright-core';
import type { UpstreamProxyViewDto } from '../../shared/proxy-settings.js';
import { closedPort } from '../support/closed-port.js';
import { expectJson } from '../support/management-error.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startProxySimulator, type ProxySimulator } from '../support/proxy-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { dashboardSuite, openSignedIn, pageSnapshot } from './dashboard-harness.js';

const screenshotPath = process.env.OMNIROUTE_SETTINGS_PROXY_SCREENSHOT;
const credentialsUrl = 'http://u:p@host:1';

describe('dashboard: upstream proxy settings', () => {
  let simulator: OpenAiSimulator;
  let proxy: ProxySimulator;
  let router: TestRouter;
  let page: Page;
  let problems: string[];

  const suite = dashboardSuite({
    setup: async (started) => {
      simulator = await startOpenAiSimulator({ models: ['gpt-4o-mini'] });
      proxy = await startProxySimulator();
      await started.addProvider({ name: 'sim', kind: 'openai', baseUrl: simulator.url, apiKey: simulator.apiKey, models: ['gpt-4o-mini'] });
    },
  });
  before(async () => {
    ({ router, page, problems } = suite);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await section().waitFor();
  });

  after(async () => {
    await proxy?.close();
    await simulator?.close();
  });

  const section = () => page.getByRole('group', { name: 'Upstream proxy' });
  const urlInput = () => section().getByLabel('Proxy URL');
  const exceptions = () => section().getByLabel('Exceptions');
  const effective = () => section().getByTestId('proxy-effective');
  const testResult = () => section().getByTestId('proxy-test-result');
  const urlError = () => page.locator('#setting-upstreamProxy-url-error');
  const save = async () => {
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
  };
  const proxyView = async (): Promise<UpstreamProxyViewDto> => expectJson<UpstreamProxyViewDto>(await router.manage('GET', '/api/settings/proxy'), 200);
  const chat = async (): Promise<void> => {
    const client = new OpenAI({ baseURL: `${router.url}/v1`, apiKey: 'any', maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages: [{ role: 'user', content: 'ping' }] });
    assert.equal(completion.choices[0]?.message.content, 'Echo: ping');
  };

  it('shows that no proxy is in effect by default, with this machine exempt', async () => {
    await effective().getByText('No proxy: providers are called directly.').waitFor();
    assert.equal(await urlInput().inputValue(), '');
    assert.equal(await exceptions().inputValue(), 'localhost\n127.0.0.1\n::1');
    await chat();
    assert.equal(proxy.requests.length, 0);
  });

  it('saves a proxy with the page: shown in effect from the settings, and chats go through it', async () => {
    await urlInput().fill(proxy.url);
    // The simulator listens on loopback, which the default exceptions would send direct.
    await exceptions().fill('');
    await save();
    await effective().getByText(`In effect: ${proxy.url} from these settings.`).waitFor();
    assert.equal(await effective().getByText('Except for').count(), 0, 'no exception left');
    const view = await proxyView();
    assert.deepEqual({ url: view.url, noProxy: view.noProxy, source: view.effective.source }, { url: proxy.url, noProxy: [], source: 'settings' });

    await chat();
    assert.deepEqual(
      proxy.requests.map((request) => [request.method, request.target]),
      [['POST', `${simulator.url}/chat/completions`]],
      'the chat went through the proxy',
    );
  });

  it('tests the proxy typed (or in effect) and reports success, or a failure, with the latency', async () => {
    const before = proxy.requests.length;
    await section().getByRole('button', { name: 'Test proxy' }).click();
    await testResult().waitFor();
    assert.match((await testResult().getAttribute('class')) ?? '', /message-ok/);
    assert.match((await testResult().textContent()) ?? '', new RegExp(`^Proxy OK \\(\\d+ ms\\): .* answered HTTP \\d{3} through the proxy 127\\.0\\.0\\.1:${proxy.port}\\.$`));
    assert.equal(proxy.requests.length, before + 1, 'the test call went through the proxy');
    if (screenshotPath) await page.screenshot({ path: screenshotPath, fullPage: true });

    // Blank: the proxy in effect (the saved one) is tested.
    await urlInput().fill('');
    await section().getByRole('button', { name: 'Test proxy' }).click();
    await testResult().getByText(`through the proxy 127.0.0.1:${proxy.port}`, { exact: false }).waitFor();
    assert.equal(proxy.requests.length, before + 2);

    // A proxy nobody listens on: reported, not thrown, and nothing saved.
    const down = `http://127.0.0.1:${await closedPort()}`;
    await urlInput().fill(down);
    assert.equal(await testResult().count(), 0, 'a changed URL clears the last result');
    await section().getByRole('button', { name: 'Test proxy' }).click();
    await testResult().waitFor();
    assert.match((await testResult().getAttribute('class')) ?? '', /message-error/);
    assert.match((await testResult().textContent()) ?? '', /^Test failed \(\d+ ms\): .*ECONNREFUSED/);
    assert.equal((await proxyView()).url, proxy.url);
    await urlInput().fill(proxy.url);
  });

  it('refuses a URL with credentials at the field, saving nothing', async () => {
    const requestsBefore = proxy.requests.length;
    await urlInput().fill(credentialsUrl);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await urlError().waitFor();
    assert.match((await urlError().textContent()) ?? '', /must not hold credentials.*HTTPS_PROXY/);
    assert.equal(await urlInput().getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByText('Settings saved.').count(), 0);
    assert.equal((await proxyView()).url, proxy.url, 'unchanged on the server');

    // The test button checks the typed URL the same way, and sends nothing.
    await section().getByRole('button', { name: 'Test proxy' }).click();
    await urlError().waitFor();
    assert.equal(await testResult().count(), 0);
    assert.equal(proxy.requests.length, requestsBefore);

    // Typing again clears the message.
    await urlInput().fill(proxy.url);
    await urlError().waitFor({ state: 'detached' });
    assert.equal(await urlInput().getAttribute('aria-invalid'), null);
  });

  it("shows the server's refusal at the field when the page's own check is bypassed", async () => {
    // The page would not send it: rewrite the request on its way, as an older page might send it.
    await page.route('**/api/settings', async (route) => {
      const request = route.request();
      if (request.method() !== 'PUT') return route.continue();
      const body = JSON.parse(request.postData() ?? '{}') as { upstreamProxy: { url: string | null } };
      body.upstreamProxy.url = credentialsUrl;
      return route.continue({ postData: JSON.stringify(body) });
    });
    try {
      await page.getByRole('button', { name: 'Save settings' }).click();
      await urlError().waitFor();
      assert.match((await urlError().textContent()) ?? '', /^Invalid 'upstreamProxy\.url': url must not hold credentials/);
      assert.equal(await page.getByText('Settings saved.').count(), 0);
    } finally {
      await page.unroute('**/api/settings');
    }
    const view = await proxyView();
    assert.equal(view.url, proxy.url, 'unchanged on the server');
    assert.ok(!JSON.stringify(await (await router.manage('GET', '/api/settings')).json()).includes('u:p@'));
  });

  it('clearing the URL and saving makes chats go direct again', async () => {
    await urlInput().fill('');
    await save();
    await effective().getByText('No proxy: providers are called directly.').waitFor();
    const view = await proxyView();
    assert.deepEqual({ url: view.url, noProxy: view.noProxy, source: view.effective.source }, { url: null, noProxy: [], source: 'none' });

    const count = proxy.requests.length;
    await chat();
    assert.equal(proxy.requests.length, count, 'the chat went direct');

    // What the page shows after a reload is what was saved.
    await page.reload();
    await section().waitFor();
    assert.equal(await urlInput().inputValue(), '');
    assert.equal(await exceptions().inputValue(), '');
    await effective().getByText('No proxy: providers are called directly.').waitFor();
  });

  it('shows a proxy from the environment with its credentials hidden', async () => {
    const secret = 'env-proxy-password-0123';
    const fromEnv = await startRouter({ uiDir: suite.uiDir, env: { HTTPS_PROXY: `http://alice:${secret}@proxy.example.com:3128`, NO_PROXY: 'internal.example.com' } });
    // A context of its own: cookies do not tell ports apart, and this one signs in elsewhere.
    const { context: otherContext, page: other, problems: otherProblems } = await openSignedIn(suite.browser, fromEnv);
    try {
      await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      const shown = other.getByRole('group', { name: 'Upstream proxy' }).getByTestId('proxy-effective');
      await shown.getByText('In effect: http://***@proxy.example.com:3128 for https providers (http ones are called directly) from the environment.').waitFor();
      assert.match((await shown.textContent()) ?? '', /Except for: localhost, 127\.0\.0\.1, ::1, internal\.example\.com$/);
      assert.equal(await other.getByRole('group', { name: 'Upstream proxy' }).getByLabel('Proxy URL').inputValue(), '', 'the setting itself stays blank');
      const snapshot = await pageSnapshot(other);
      assert.ok(!snapshot.includes(secret) && !snapshot.includes('alice'), 'the credentials are nowhere in the page');
      assert.deepEqual(otherProblems, []);
    } finally {
      await otherContext.close();
      await fromEnv.close();
    }
  });

  it('logged no script error and no CSP violation', () => {
    assert.deepEqual(problems, []);
  });
});
