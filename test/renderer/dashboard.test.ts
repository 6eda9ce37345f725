/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) against the real
 * router, built from the current source, with an OpenAI-format upstream simulator behind it.
 * The tests run in order and share one signed-in page, as a user would click through.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { secretNames } from '../../main/gateway/secret-names.js';
import type { ProviderDto } from '../../shared/api-types.js';
import type { Settings } from '../../shared/settings.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { buildDashboard, launchBrowser, newWatchedPage, pageSnapshot } from './dashboard-harness.js';

const screenshotPath = process.env.OMNIROUTE_DASHBOARD_SCREENSHOT;

describe('dashboard', () => {
  let dashboard: Awaited<ReturnType<typeof buildDashboard>>;
  let simulator: OpenAiSimulator;
  let router: TestRouter;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  before(async () => {
    dashboard = await buildDashboard();
    simulator = await startOpenAiSimulator();
    router = await startRouter({ uiDir: dashboard.uiDir });
    browser = await launchBrowser();
    // Signed in by the first test, through the link.
    ({ context, page, problems } = await newWatchedPage(browser));
  });

  after(async () => {
    await browser?.close();
    await router?.close();
    await simulator?.close();
    dashboard?.remove();
  });

  const provider = (name: string) => page.locator(`article[data-provider="${name}"]`);
  const navigation = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  const addForm = () => page.getByRole('form', { name: 'Add a provider' });
  const providers = async (): Promise<ProviderDto[]> => ((await (await router.manage('GET', '/api/providers')).json()) as { data: ProviderDto[] }).data;
  const currentSettings = async (): Promise<Settings> => (await (await router.manage('GET', '/api/settings')).json()) as Settings;

  it('signs in through the link: the token leaves the URL and the session cookie is HttpOnly', async () => {
    await page.goto(`${router.url}/?token=${encodeURIComponent(router.adminToken)}`);
    assert.equal(page.url(), `${router.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Providers' }).waitFor();
    assert.equal(await page.evaluate('document.cookie'), '');
    const cookies = await context.cookies(router.url);
    assert.deepEqual(
      cookies.map(({ name, httpOnly, sameSite }) => ({ name, httpOnly, sameSite })),
      [{ name: 'omniroute_session', httpOnly: true, sameSite: 'Strict' }],
    );
    assert.ok(!(await pageSnapshot(page)).includes(router.adminToken));
    assert.equal(await page.getByTestId('client-base-url').textContent(), `http://127.0.0.1:${router.port}/v1`);
  });

  it('adds a provider whose key is stored and never comes back to the page', async () => {
    await addForm().getByLabel('Kind').selectOption('groq');
    assert.equal(await addForm().getByLabel('Base URL').inputValue(), 'https://api.groq.com/openai/v1');
    assert.equal(await addForm().getByLabel('Name', { exact: true }).inputValue(), 'groq');
    await addForm().getByLabel('Kind').selectOption('openai');
    assert.equal(await addForm().getByLabel('Base URL').inputValue(), 'https://api.openai.com/v1');

    await addForm().getByLabel('Name', { exact: true }).fill('sim');
    await addForm().getByLabel('Base URL').fill(simulator.url);
    const keyInput = addForm().getByLabel('API key');
    assert.equal(await keyInput.getAttribute('type'), 'password');
    await keyInput.fill(simulator.apiKey);
    await page.getByRole('button', { name: 'Add provider' }).click();

    const card = provider('sim');
    await card.getByText('Key stored').waitFor();
    assert.equal(await keyInput.inputValue(), '');
    assert.match((await card.textContent()) ?? '', new RegExp(`OpenAI.*Enabled.*Base URL${simulator.url.replaceAll('.', '\\.')}.*default\\s*Key stored`));
    const [stored] = await providers();
    assert.equal(stored?.baseUrl, simulator.url);
    assert.equal(stored?.accounts[0]?.hasApiKey, true);
    assert.equal(await router.secrets.get(secretNames.accountKey(stored.accounts[0].id)), simulator.apiKey);
    assert.ok(!(await pageSnapshot(page)).includes(simulator.apiKey), 'the provider key must not be anywhere in the page');
  });

  it('shows an API error next to the field it is about', async () => {
    await addForm().getByLabel('Name', { exact: true }).fill('sim');
    await page.getByRole('button', { name: 'Add provider' }).click();
    const error = page.locator('#provider-name-error');
    await error.waitFor();
    assert.equal(await error.textContent(), "A provider named 'sim' already exists; names are model prefixes and must be unique.");
    assert.equal(await addForm().getByLabel('Name', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal((await providers()).length, 1);
  });

  it('tests the connection and shows the result with its latency', async () => {
    const card = provider('sim');
    await card.getByRole('button', { name: 'Test connection' }).click();
    const result = card.getByTestId('test-result');
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', /^Connection OK \(HTTP 200, \d+ ms\): Connected; the provider lists 2 models\.$/);
    await card.getByText('2 models, e.g. sim/gpt-4o-mini').waitFor();
    if (screenshotPath) await page.screenshot({ path: screenshotPath, fullPage: true });
  });

  it('refreshes the models, disables and enables the provider', async () => {
    const card = provider('sim');
    await card.getByRole('button', { name: 'Refresh models' }).click();
    await card.getByRole('status').getByText('The provider lists 2 models.').waitFor();
    await card.getByRole('button', { name: 'Disable' }).click();
    await card.getByText('Disabled', { exact: true }).waitFor();
    assert.equal((await providers())[0]?.enabled, false);
    await card.getByRole('button', { name: 'Enable' }).click();
    await card.getByText('Enabled', { exact: true }).waitFor();
    assert.equal((await providers())[0]?.enabled, true);
  });

  let apiKey: string;

  it('creates an API key and shows it exactly once', async () => {
    await navigation('API keys').click();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    await page.getByRole('form', { name: 'Create a key' }).getByLabel('Name').fill('browser test');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('you will not see it again').waitFor();
    apiKey = await page.getByRole('textbox', { name: 'New API key' }).inputValue();
    assert.match(apiKey, /^sk-omni-[A-Za-z0-9_-]{43}$/);
    const row = page.locator('tr[data-key="browser test"]');
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', new RegExp(`browser test${apiKey.slice(0, 12)}…${apiKey.slice(-4)}All models`));

    await page.getByRole('button', { name: 'Done, I copied it' }).click();
    await page.getByText('you will not see it again').waitFor({ state: 'detached' });
    assert.ok(!(await pageSnapshot(page)).includes(apiKey), 'the full key must be gone once dismissed');
  });

  it('validates settings in the page before sending them', async () => {
    await navigation('Settings').click();
    const timeout = page.getByLabel('Upstream timeout (ms)');
    await timeout.fill('5');
    await page.getByLabel('Allowed browser origins').fill('not a url');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#setting-upstreamTimeoutMs-error').waitFor();
    assert.match((await page.locator('#setting-upstreamTimeoutMs-error').textContent()) ?? '', /1000/);
    assert.match((await page.locator('#setting-allowedOrigins-error').textContent()) ?? '', /line 1: not a url/);
    assert.equal((await currentSettings()).upstreamTimeoutMs, 600_000);
    await timeout.fill('600000');
    await page.getByLabel('Allowed browser origins').fill('');
  });

  it('turns on requireApiKey, after which only the new key gets through', async () => {
    const client = (key: string) => new OpenAI({ baseURL: `${router.url}/v1`, apiKey: key, maxRetries: 0 });
    const ask = (key: string) => client(key).chat.completions.create({ model: 'sim/gpt-4o-mini', messages: [{ role: 'user', content: 'ping' }] });
    await ask('anything');

    await page.getByLabel('Require an API key').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    assert.equal((await currentSettings()).requireApiKey, true);

    await assert.rejects(ask('anything'), (error: unknown) => error instanceof OpenAI.AuthenticationError);
    const completion = await ask(apiKey);
    assert.equal(completion.choices[0]?.message.content, 'Echo: ping');
  });

  it('deletes the provider after asking (keyboard only), and its key leaves the keychain', async () => {
    const [stored] = await providers();
    assert.ok(stored?.accounts[0]);
    await navigation('Providers').click();
    const card = provider('sim');
    await card.getByRole('button', { name: 'Delete' }).click();
    await card.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await providers()).length, 1);
    // By keyboard: Cancel returned focus to Delete, and the question focuses its own answer.
    await page.keyboard.press('Enter');
    await card.getByRole('button', { name: 'Yes, delete' }).waitFor();
    await page.keyboard.press('Enter');
    await card.waitFor({ state: 'detached' });
    await page.getByText('No providers yet.').waitFor();
    assert.deepEqual(await providers(), []);
    assert.equal(await router.secrets.get(secretNames.accountKey(stored.accounts[0].id)), undefined);
  });

  it('logged no script error and no CSP violation', () => {
    assert.deepEqual(problems, []);
  });

  it('without a cookie shows the sign-in screen; a wrong token is refused, the right one signs in', async () => {
    const { context: fresh, page: signIn, problems: freshProblems } = await newWatchedPage(browser);
    try {
      await signIn.goto(`${router.url}/?token=an-old-token`);
      await signIn.getByRole('heading', { name: 'Sign in to OmniRoute' }).waitFor();
      await signIn.getByText('That sign-in link is not valid').waitFor();
      assert.equal(new URL(signIn.url()).search, '', 'the refusal is cleared from the address');
      await signIn.goto(`${router.url}/`);
      await signIn.getByRole('heading', { name: 'Sign in to OmniRoute' }).waitFor();
      assert.equal(await signIn.getByText('That sign-in link is not valid').count(), 0);
      assert.match((await signIn.textContent('main')) ?? '', /npm start/);
      assert.equal((await signIn.request.get(`${router.url}/api/providers`)).status(), 401);

      const token = signIn.getByLabel('Management token');
      assert.equal(await token.getAttribute('type'), 'password');
      await token.fill('not-the-token');
      await signIn.getByRole('button', { name: 'Sign in' }).click();
      await signIn.getByRole('alert').getByText('That is not the management token.').waitFor();
      assert.deepEqual(await fresh.cookies(router.url), []);

      await token.fill(router.adminToken);
      await signIn.getByRole('button', { name: 'Sign in' }).click();
      await signIn.getByRole('heading', { level: 1, name: 'Providers' }).waitFor();
      const [cookie] = await fresh.cookies(router.url);
      assert.equal(cookie?.httpOnly, true);

      await signIn.getByRole('button', { name: 'Sign out' }).click();
      await signIn.getByRole('heading', { name: 'Sign in to OmniRoute' }).waitFor();
      assert.deepEqual(await fresh.cookies(router.url), []);
      assert.deepEqual(freshProblems, []);
    } finally {
      await fresh.close();
    }
  });
});
