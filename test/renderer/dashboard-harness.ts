import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import viteConfig from '../../renderer/vite.config.js';
import { startRouter, type StartRouterOptions, type TestRouter } from '../support/start-router.js';

/**
 * Builds the dashboard from the current source into a temporary folder, so the browser tests never
 * run against a stale `dist/renderer`. Returns the folder and a function that removes it.
 */
export async function buildDashboard(): Promise<{ uiDir: string; remove: () => void }> {
  const uiDir = mkdtempSync(join(tmpdir(), 'omniroute-ui-'));
  await build({ ...viteConfig, configFile: false, logLevel: 'warn', build: { ...viteConfig.build, outDir: uiDir, emptyOutDir: true } });
  return { uiDir, remove: () => rmSync(uiDir, { recursive: true, force: true }) };
}

/**
 * The distribution's Chromium (scripts/install-test-deps.sh installs it): tests never download a
 * browser. Debian names it chromium, Ubuntu chromium-browser; OMNIROUTE_TEST_CHROMIUM overrides.
 */
const chromiumPath = process.env.OMNIROUTE_TEST_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path)) ?? '/usr/bin/chromium';

/** A headless Chromium with a fresh temporary profile, and nothing that phones home. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * Collects what would show up red in the developer console: script errors, console errors and CSP
 * violations. A dashboard that works only by accident of an ignored error should fail its test.
 * The one exception is Chromium's own note that a management API call answered 4xx: the tests
 * provoke those on purpose and check that the page shows them.
 */
export function watchForPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const expectedApiError = /status of 4\d\d/.test(message.text()) && new URL(message.location().url || 'about:blank').pathname.startsWith('/api/');
    if (!expectedApiError) problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  return problems;
}

/**
 * Every piece of text a page holds: its markup, form values, storage and URL. (A string, because
 * it runs in the page and the tests are compiled without the DOM library.)
 */
export async function pageSnapshot(page: Page): Promise<string> {
  const snapshot = await page.evaluate(`(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map((element) => element.value);
    const storage = [localStorage, sessionStorage].flatMap((store) => Object.keys(store).map((key) => key + '=' + store.getItem(key)));
    return [document.documentElement.outerHTML, ...values, ...storage, location.href, document.cookie].join('\\n');
  })()`);
  return String(snapshot);
}

/** A page in a browser context of its own, and what it shows red in the console (watchForPageErrors). */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/**
 * A page in a fresh context (cookies do not tell ports apart, so each router's sign-in needs its
 * own), whose steps wait `timeoutMs` for what they look for: five seconds is ample locally and
 * fails fast. `utc` pins en-US and UTC, so dates and times read the same everywhere.
 */
export async function newWatchedPage(browser: Browser, options: { timeoutMs?: number; utc?: boolean } = {}): Promise<WatchedPage> {
  const context = await browser.newContext(options.utc ? { locale: 'en-US', timezoneId: 'UTC' } : {});
  context.setDefaultTimeout(options.timeoutMs ?? 5000);
  const page = await context.newPage();
  return { context, page, problems: watchForPageErrors(page) };
}

/** newWatchedPage, signed in to a router's dashboard through its sign-in link, on `path` (e.g. `#/backups`). */
export async function openSignedIn(browser: Browser, router: { url: string; adminToken: string }, options: { timeoutMs?: number; utc?: boolean; path?: string } = {}): Promise<WatchedPage> {
  const watched = await newWatchedPage(browser, options);
  await watched.page.goto(`${router.url}/?token=${encodeURIComponent(router.adminToken)}${options.path ?? ''}`);
  return watched;
}

/** What a dashboard suite shares; filled in by its `before` hook. */
export interface DashboardSuite {
  router: TestRouter;
  page: Page;
  /** Script errors and CSP violations the page logged. */
  problems: string[];
  /** For a suite that opens another page of its own. */
  browser: Browser;
  /** The built dashboard, for a suite that starts another router serving it. */
  uiDir: string;
}

/**
 * The fixture of a dashboard suite: the dashboard built, a router serving it (started with
 * `router()`'s options, then set up by `setup`, before the page opens), Chromium with a signed-in
 * page on the Providers page. Registers the suite's hooks: started before it, closed after it, so a
 * `before` registered earlier can prepare what `router()` names.
 */
export function dashboardSuite(
  options: { router?: () => Omit<StartRouterOptions, 'uiDir'>; setup?: (router: TestRouter) => Promise<void>; timeoutMs?: number } = {},
): DashboardSuite {
  const suite = {} as DashboardSuite;
  let dashboard: Awaited<ReturnType<typeof buildDashboard>> | undefined;
  before(async () => {
    dashboard = await buildDashboard();
    suite.uiDir = dashboard.uiDir;
    suite.router = await startRouter({ ...options.router?.(), uiDir: dashboard.uiDir });
    await options.setup?.(suite.router);
    suite.browser = await launchBrowser();
    Object.assign(suite, await openSignedIn(suite.browser, suite.router, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }));
    await suite.page.getByRole('heading', { level: 2, name: 'Your providers' }).waitFor();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.router?.close();
    dashboard?.remove();
  });
  return suite;
}
