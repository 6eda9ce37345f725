/**
 * Replacing a provider's key from the Providers page, in a real browser against the real router
 * and the real keychain, with an OpenAI-format simulator that accepts only its own key: a wrong
 * key fails upstream, "Replace key" with the right one makes the next chat succeed (the router
 * uses it at once, not just stores it), and the key never comes back to the page. "Set key" does
 * the same for an account without a key, including one whose key went missing from the keychain
 * (as after restoring a backup). Only the first account offers it: the API changes only that one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { Locator, Page } from 'playwright-core';
import { secretNames } from '../../main/gateway/secret-names.js';
import type { ProviderDto } from '../../shared/api-types.js';
import { expectJson } from '../support/management-error.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import type { TestRouter } from '../support/start-router.js';
import { dashboardSuite, pageSnapshot } from './dashboard-harness.js';

const screenshotPath = process.env.OMNIROUTE_PROVIDER_KEY_SCREENSHOT;
const rightKey = 'sk-simulator-right-key-0123456789abcdef';
const wrongKey = 'sk-wrong-key-0123456789abcdef';

describe('dashboard: replacing a provider key', () => {
  let simulator: OpenAiSimulator;
  let router: TestRouter;
  let page: Page;
  let problems: string[];

  const suite = dashboardSuite({
    setup: async () => {
      simulator = await startOpenAiSimulator({ models: ['gpt-4o-mini'], apiKey: rightKey });
    },
  });
  before(() => ({ router, page, problems } = suite));
  after(() => simulator?.close());

  const card = (name: string) => page.locator(`article[data-provider="${name}"]`);
  const keyForm = (name: string, action: 'Replace key' | 'Set key') => card(name).getByRole('form', { name: `${action} for ${name}` });
  const provider = async (id: string): Promise<ProviderDto> => expectJson<ProviderDto>(await router.manage('GET', `/api/providers/${id}`), 200);
  const storedKey = async (created: ProviderDto): Promise<string | undefined> => router.secrets.get(secretNames.accountKey(created.accounts[0]!.id));
  const chat = (name: string) =>
    new OpenAI({ baseURL: `${router.url}/v1`, apiKey: 'any', maxRetries: 0 }).chat.completions.create({ model: `${name}/gpt-4o-mini`, messages: [{ role: 'user', content: 'ping' }] });
  const lastChatAuthorization = () => simulator.requests.filter((request) => request.path === '/v1/chat/completions').at(-1)?.headers.authorization;
  /** Whether the element has the keyboard focus. (Typed loosely: the tests compile without the DOM library.) */
  const focused = (locator: Locator): Promise<boolean> =>
    locator.evaluate((element: { ownerDocument: { activeElement: unknown } }) => element === element.ownerDocument.activeElement);
  /** The page shows what the server holds; after a change made through the API, load it again. */
  const showProviders = async () => {
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Your providers' }).waitFor();
  };
  const addSimulatorProvider = (name: string, extra: Record<string, unknown> = {}) =>
    router.addProvider({ name, kind: 'openai', baseUrl: simulator.url, models: ['gpt-4o-mini'], ...extra });

  it('replaces a wrong key: the next chat through the router succeeds, and the key never shows', async () => {
    const created = await addSimulatorProvider('rotated', { apiKey: wrongKey });
    await assert.rejects(chat('rotated'), (error: unknown) => error instanceof OpenAI.AuthenticationError);
    assert.equal(lastChatAuthorization(), `Bearer ${wrongKey}`);

    await showProviders();
    await card('rotated').getByText('Key stored').waitFor();
    await card('rotated').getByRole('button', { name: 'Replace key for rotated' }).click();
    const form = keyForm('rotated', 'Replace key');
    const input = form.getByLabel('New API key for rotated');
    assert.equal(await input.getAttribute('type'), 'password');
    assert.equal(await input.getAttribute('autocomplete'), 'off');
    assert.equal(await focused(input), true, 'the field takes the focus');
    const save = form.getByRole('button', { name: 'Save key' });
    assert.equal(await save.isDisabled(), true, 'nothing to save yet');
    await input.fill('   ');
    assert.equal(await save.isDisabled(), true, 'blanks are not a key');
    await input.fill(rightKey);
    if (screenshotPath) await page.screenshot({ path: screenshotPath, fullPage: true });
    await save.click();

    await form.waitFor({ state: 'detached' });
    await card('rotated').getByRole('status').getByText("Saved the new key for 'rotated'.").waitFor();
    await card('rotated').getByText('Key stored').waitFor();
    const opener = card('rotated').getByRole('button', { name: 'Replace key for rotated' });
    assert.equal(await focused(opener), true, 'focus returns to the button');
    assert.equal(await storedKey(created), rightKey);
    assert.equal((await provider(created.id)).accounts[0]?.hasApiKey, true);

    const completion = await chat('rotated');
    assert.equal(completion.choices[0]?.message.content, 'Echo: ping');
    assert.equal(lastChatAuthorization(), `Bearer ${rightKey}`, 'the router uses the new key at once');

    assert.ok(!(await pageSnapshot(page)).includes(rightKey), 'the new key must not be anywhere in the page');
    assert.ok(!(await pageSnapshot(page)).includes(wrongKey), 'nor the old one');
    await opener.click();
    assert.equal(await keyForm('rotated', 'Replace key').getByLabel('New API key for rotated').inputValue(), '', 'a reopened form starts empty');
    await keyForm('rotated', 'Replace key').getByRole('button', { name: 'Cancel' }).click();
  });

  it("shows the server's refusal at the form, keeps the old key, and Cancel or Escape closes it", async () => {
    const created = await addSimulatorProvider('refused', { apiKey: rightKey });
    await showProviders();
    const opener = card('refused').getByRole('button', { name: 'Replace key for refused' });
    await opener.click();
    const form = keyForm('refused', 'Replace key');
    const tooLong = `sk-${'x'.repeat(8200)}`;
    await form.getByLabel('New API key for refused').fill(tooLong);
    await form.getByRole('button', { name: 'Save key' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /^Invalid 'apiKey': .*8192 characters$/);
    assert.equal(await form.getByLabel('New API key for refused').getAttribute('aria-invalid'), 'true');
    assert.equal(await storedKey(created), rightKey, 'the old key stays');

    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
    assert.equal(await focused(opener), true, 'Cancel returns focus to the button');
    assert.ok(!(await pageSnapshot(page)).includes(tooLong), 'the typed key is gone with the form');

    await page.keyboard.press('Enter');
    await form.getByLabel('New API key for refused').fill('sk-typed-then-abandoned');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    assert.equal(await focused(opener), true, 'Escape returns focus to the button');
    assert.equal(await storedKey(created), rightKey);
    assert.ok(!(await pageSnapshot(page)).includes('sk-typed-then-abandoned'));
  });

  it('offers "Set key" for an account without a key, and the key then works the same', async () => {
    const created = await addSimulatorProvider('keyless');
    assert.equal(created.accounts[0]?.hasApiKey, false);
    await assert.rejects(chat('keyless'), (error: unknown) => error instanceof OpenAI.AuthenticationError);

    await showProviders();
    await card('keyless').getByText('No key').waitFor();
    assert.equal(await card('keyless').getByRole('button', { name: 'Replace key for keyless' }).count(), 0);
    await card('keyless').getByRole('button', { name: 'Set key for keyless' }).click();
    const form = keyForm('keyless', 'Set key');
    await form.getByLabel('New API key for keyless').fill(rightKey);
    await form.getByRole('button', { name: 'Save key' }).click();
    await form.waitFor({ state: 'detached' });
    await card('keyless').getByText('Key stored').waitFor();
    await card('keyless').getByRole('status').getByText("Saved a key for 'keyless'.").waitFor();
    await card('keyless').getByRole('button', { name: 'Replace key for keyless' }).waitFor();
    assert.equal(await storedKey(created), rightKey);

    assert.equal((await chat('keyless')).choices[0]?.message.content, 'Echo: ping');
    assert.equal(lastChatAuthorization(), `Bearer ${rightKey}`);
    assert.ok(!(await pageSnapshot(page)).includes(rightKey));
  });

  it('offers "Set key" when the stored key is gone from the keychain (as after restoring a backup)', async () => {
    const created = await addSimulatorProvider('restored', { apiKey: rightKey });
    // The database still names the key, the keychain no longer has it.
    await router.secrets.delete(secretNames.accountKey(created.accounts[0]!.id));
    await router.app.context.catalog.reload();
    await assert.rejects(chat('restored'), (error: unknown) => error instanceof OpenAI.AuthenticationError);

    await showProviders();
    await card('restored').getByText('No key').waitFor();
    await card('restored').getByRole('button', { name: 'Set key for restored' }).click();
    await keyForm('restored', 'Set key').getByLabel('New API key for restored').fill(rightKey);
    await keyForm('restored', 'Set key').getByRole('button', { name: 'Save key' }).click();
    await card('restored').getByText('Key stored').waitFor();
    assert.equal((await chat('restored')).choices[0]?.message.content, 'Echo: ping');
    assert.ok(!(await pageSnapshot(page)).includes(rightKey));
  });

  it('offers it on the first account only, which the API changes', async () => {
    const created = await addSimulatorProvider('several', { apiKey: rightKey });
    await expectJson(await router.manage('POST', `/api/providers/${created.id}/accounts`, { label: 'second', apiKey: wrongKey }), 201);
    await showProviders();
    const accounts = card('several').locator('.accounts > li');
    // The heading shows before the list arrives: wait for the second account before counting.
    await accounts.nth(1).waitFor();
    assert.equal(await accounts.count(), 2);
    assert.equal(await accounts.nth(0).getByRole('button', { name: 'Replace key for several' }).count(), 1);
    assert.equal(await accounts.nth(1).getByRole('button').count(), 0);
  });

  it('logged no script error and no CSP violation', () => {
    assert.deepEqual(problems, []);
  });
});
