/**
 * The Tunnels page in a real browser against the real router, with a stand-in `cloudflared` on
 * PATH: install state per kind, the refusal shown when API keys are not required, then start
 * (the public URL appears) and stop.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createFakeTunnelDaemon, type FakeTunnelDaemon } from '../support/fake-tunnel-daemon.js';
import type { TestRouter } from '../support/start-router.js';
import { isProcessAlive } from '../support/wait-until.js';
import { dashboardSuite } from './dashboard-harness.js';

const screenshotPath = process.env.OMNIROUTE_TUNNELS_SCREENSHOT;

describe('dashboard: tunnels', () => {
  let daemon: FakeTunnelDaemon;
  let router: TestRouter;
  let page: Page;
  let problems: string[];

  before(() => {
    daemon = createFakeTunnelDaemon('cloudflared');
  });
  const suite = dashboardSuite({ router: () => ({ env: { PATH: daemon.dir }, tunnelTimings: { urlTimeoutMs: 3000, stopGraceMs: 500 } }) });
  before(async () => {
    ({ router, page, problems } = suite);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tunnels' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tunnels' }).waitFor();
  });
  after(() => daemon?.remove());

  const card = (kind: string) => page.locator(`article[data-tunnel="${kind}"]`);

  it('shows which daemons are installed, and where to get the others', async () => {
    await card('cloudflared').getByText(`${daemon.dir}/cloudflared`).waitFor();
    assert.equal(await card('cloudflared').getByTestId('tunnel-state').textContent(), 'Stopped');
    const download = card('ngrok').getByRole('link', { name: 'Download ngrok' });
    assert.equal(await download.getAttribute('href'), 'https://ngrok.com/download');
    assert.equal(await card('ngrok').getByRole('button', { name: 'Start' }).isDisabled(), true);
  });

  it('shows why a tunnel may not start while API keys are not required', async () => {
    await card('cloudflared').getByRole('button', { name: 'Start' }).click();
    await card('cloudflared').getByRole('alert').getByText(/Turn on "Require API key" first/).waitFor();
    assert.deepEqual(daemon.pids(), []);
  });

  it('starts the tunnel and shows its public URL, then stops it', async () => {
    assert.equal((await router.manage('PUT', '/api/settings', { requireApiKey: true })).status, 200);
    assert.equal((await router.manage('POST', '/api/keys', { name: 'remote agent' })).status, 201);
    await card('cloudflared').getByRole('button', { name: 'Start' }).click();
    const url = card('cloudflared').getByTestId('tunnel-url');
    await url.waitFor();
    assert.match((await url.textContent()) ?? '', /^https:\/\/[a-z]+-[a-z]+-[a-z]+-\d+\.trycloudflare\.com\/v1$/);
    assert.equal(await card('cloudflared').getByTestId('tunnel-state').textContent(), 'Running');
    if (screenshotPath) await page.screenshot({ path: screenshotPath, fullPage: true });

    await card('cloudflared').getByRole('button', { name: 'Stop' }).click();
    await card('cloudflared').getByRole('button', { name: 'Start' }).waitFor();
    assert.equal(await url.count(), 0);
    assert.equal(isProcessAlive(daemon.pids()[0]!), false);
  });

  it('logged no script error and no CSP violation', () => {
    assert.deepEqual(problems, []);
  });
});
