import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { buildDashboard, launchBrowser, openSignedIn } from './dashboard-harness.js';

/** The upstream model the simulator serves; no shipped price matches it, so tests set their own. */
export const upstreamModel = 'sim-small';

/**
 * The real router serving a freshly built dashboard, with one OpenAI-compatible provider `sim` of
 * two accounts (`default` first, then `second`) on a simulator, an OpenAI SDK client for traffic,
 * and a signed-in Chromium page (en-US, UTC, so figures and times read the same everywhere).
 */
export interface RoutedDashboard {
  router: TestRouter;
  simulator: OpenAiSimulator;
  client: OpenAI;
  /** Account ids of `default` and `second`. */
  accounts: [string, string];
  page: Page;
  /** Script errors, console errors and CSP violations seen so far. */
  problems: string[];
  /** Opens a page from the main navigation and waits for its heading. */
  open(title: string): Promise<void>;
  close(): Promise<void>;
}

export async function startRoutedDashboard(): Promise<RoutedDashboard> {
  const dashboard = await buildDashboard();
  const keys = ['sk-sim-default-account', 'sk-sim-second-account'];
  const simulator = await startOpenAiSimulator({ models: [upstreamModel], apiKey: keys[0], extraApiKeys: [keys[1]!] });
  const router = await startRouter({ uiDir: dashboard.uiDir });
  const provider = await router.addProvider({ name: 'sim', kind: 'openai', baseUrl: simulator.url, apiKey: keys[0], models: [upstreamModel] });
  const added = await router.manage('POST', `/api/providers/${provider.id}/accounts`, { label: 'second', apiKey: keys[1], priority: 1 });
  if (added.status !== 201) throw new Error(`adding an account: HTTP ${added.status} ${await added.text()}`);
  const accounts = ((await added.json()) as { accounts: { id: string }[] }).accounts.map((account) => account.id);
  const browser: Browser = await launchBrowser();
  const { page, problems } = await openSignedIn(browser, router, { utc: true });
  return {
    router,
    simulator,
    client: new OpenAI({ baseURL: router.url + '/v1', apiKey: 'unused', maxRetries: 0 }),
    accounts: [accounts[0]!, accounts[1]!],
    page,
    problems,
    async open(title) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: title }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
    },
    async close() {
      await browser.close();
      await router.close();
      await simulator.close();
      dashboard.remove();
    },
  };
}

/** A chat request to `sim`; resolves to the error when the router answers with one. */
export async function ask(client: OpenAI, headers: Record<string, string> = {}): Promise<OpenAI.ChatCompletion | InstanceType<typeof OpenAI.APIError>> {
  try {
    return await client.chat.completions.create({ model: `sim/${upstreamModel}`, messages: [{ role: 'user', content: 'Hello' }] }, { headers });
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
}
