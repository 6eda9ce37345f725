/**
 * The Health page in a real browser against the real router: a rate-limited account shows as
 * cooling down with its countdown and last error, and a reset from the page clears it (per account,
 * per provider); latency and sticky sessions show real traffic; fallback settings are validated in
 * the page and saved; the failure rules are listed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { AccountStateDto, ResilienceViewDto, StickySessionDto, TelemetrySummaryDto } from '../../shared/routing-state-types.js';
import { expectJson } from '../support/management-error.js';
import { ask, startRoutedDashboard, type RoutedDashboard } from './routed-dashboard.js';

const screenshotPath = process.env.OMNIROUTE_HEALTH_SCREENSHOT;

describe('dashboard: health', () => {
  let routed: RoutedDashboard;
  const page = () => routed.page;
  const accountsNow = async () => (await expectJson<{ accounts: AccountStateDto[] }>(await routed.router.manage('GET', '/api/rate-limits'), 200)).accounts;
  const stateOf = async (accountId: string) => (await accountsNow()).find((account) => account.accountId === accountId)?.state;
  const accountRow = (label: string) => page().locator(`[data-provider="sim"] tr[data-account="${label}"]`);
  const resilienceForm = () => page().getByRole('form', { name: 'Fallback settings' });

  /** One answered request, then a 429 on `default` that `second` answers: `default` cools down. */
  const rateLimitDefault = async (): Promise<void> => {
    routed.simulator.fail({ status: 429, headers: { 'retry-after': '600' }, body: { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } } });
    assert.ok(!((await ask(routed.client)) instanceof OpenAI.APIError), 'the second account answers');
  };

  before(async () => {
    routed = await startRoutedDashboard();
    assert.ok(!((await ask(routed.client)) instanceof OpenAI.APIError));
    await rateLimitDefault();
    await routed.open('Health');
  });
  after(() => routed?.close());

  it('shows the rate-limited account cooling down, with its countdown and last error', async () => {
    await page().getByTestId('health-status').getByText('degraded').waitFor();
    const state = accountRow('default').locator('[data-cell="state"]');
    await state.getByText('Cooling down', { exact: true }).waitFor();
    assert.match((await state.textContent()) ?? '', /cooling down \(rate-limited\)Available again in (9|10) min \d\d s$/);
    assert.match((await accountRow('default').locator('[data-cell="last-error"]').textContent()) ?? '', /^HTTP 429 rate-limited at .+Rate limit reached for requests$/);
    await accountRow('second').locator('[data-cell="state"]').getByText('Available', { exact: true }).waitFor();
    await page().locator('[data-provider="sim"]').getByText('1 of 2 accounts available').waitFor();
    assert.equal(await stateOf(routed.accounts[0]), 'cooling-down');
  });

  it('resets the cooling account from its row', async () => {
    await page().getByRole('button', { name: 'Reset account default of sim' }).click();
    await page().getByRole('status').getByText('sim: 1 account reset.').waitFor();
    await accountRow('default').locator('[data-cell="state"]').getByText('Available', { exact: true }).waitFor();
    await page().getByTestId('health-status').getByText('healthy').waitFor();
    assert.equal(await stateOf(routed.accounts[0]), 'available');
  });

  it('resets a whole provider', async () => {
    await rateLimitDefault();
    // The page refreshes itself; the new cooldown appears without a reload.
    await accountRow('default').locator('[data-cell="state"]').getByText('Cooling down', { exact: true }).waitFor({ timeout: 8000 });
    await page().getByRole('button', { name: 'Reset sim' }).click();
    await accountRow('default').locator('[data-cell="state"]').getByText('Available', { exact: true }).waitFor();
    assert.deepEqual((await accountsNow()).map((account) => account.state), ['available', 'available']);
  });

  it('resets every account at once', async () => {
    await rateLimitDefault();
    await page().reload();
    await accountRow('default').locator('[data-cell="state"]').getByText('Cooling down', { exact: true }).waitFor();
    if (screenshotPath) await page().screenshot({ path: screenshotPath, fullPage: true });
    await page().getByRole('button', { name: 'Reset all' }).click();
    await page().getByRole('status').getByText(/^All accounts: 2 accounts reset\.$/).waitFor();
    await accountRow('default').locator('[data-cell="state"]').getByText('Available', { exact: true }).waitFor();
    assert.equal(await stateOf(routed.accounts[0]), 'available');
  });

  it('shows latency per provider from the successful requests', async () => {
    await page().reload();
    const row = page().locator('tr[data-latency="sim"]');
    await row.waitFor();
    const summary = await expectJson<TelemetrySummaryDto>(await routed.router.manage('GET', '/api/telemetry/summary'), 200);
    const sim = summary.providers.sim;
    // Four answered requests so far: the first, and the second account's answer to each of three 429s.
    assert.equal(sim?.count, 4);
    assert.deepEqual(await row.locator('td').allTextContents(), ['4', ...[sim.p50, sim.p95, sim.p99].map((ms) => `${ms.toLocaleString('en-US')} ms`)]);
  });

  it('lists a sticky session and clears it', async () => {
    assert.ok(!((await ask(routed.client, { 'x-session-id': 'review-42' })) instanceof OpenAI.APIError));
    await page().reload();
    const row = page().locator('tr[data-session="review-42"]');
    await row.waitFor();
    assert.deepEqual(await row.locator('td').allTextContents(), ['sim/sim-small', 'sim/sim-smallaccount default', '1', await row.locator('td').last().textContent()]);
    const section = page().getByRole('region', { name: 'Sticky sessions' });
    await section.getByRole('button', { name: 'Clear all' }).click();
    await section.getByRole('button', { name: 'Yes, clear' }).click();
    await section.getByText(/No sticky sessions/).waitFor();
    assert.deepEqual((await expectJson<{ data: StickySessionDto[] }>(await routed.router.manage('GET', '/api/sessions'), 200)).data, []);
  });

  it('validates fallback settings in the page and saves them', async () => {
    const before = (await expectJson<ResilienceViewDto>(await routed.router.manage('GET', '/api/resilience'), 200)).settings;
    await resilienceForm().getByLabel('Most attempts per request').fill('0');
    await resilienceForm().getByLabel('Breaker stays open (ms)').fill('soon');
    await resilienceForm().getByRole('button', { name: 'Save fallback settings' }).click();
    await resilienceForm().getByText(/Too small: expected number to be >=1/).waitFor();
    await resilienceForm().getByText('Enter a number.').waitFor();
    assert.deepEqual((await expectJson<ResilienceViewDto>(await routed.router.manage('GET', '/api/resilience'), 200)).settings, before, 'nothing was sent');

    await resilienceForm().getByLabel('Most attempts per request').fill('3');
    await resilienceForm().getByLabel('Breaker stays open (ms)').fill('45000');
    await resilienceForm().getByLabel('Account strategy').selectOption('round-robin');
    await resilienceForm().getByRole('button', { name: 'Save fallback settings' }).click();
    await resilienceForm().getByRole('status').getByText('Resilience settings saved.').waitFor();
    const after = (await expectJson<ResilienceViewDto>(await routed.router.manage('GET', '/api/resilience'), 200)).settings;
    assert.deepEqual(after, { ...before, maxAttempts: 3, accountStrategy: 'round-robin', breaker: { ...before.breaker, openMs: 45000 } });
    await page().reload();
    assert.equal(await resilienceForm().getByLabel('Breaker stays open (ms)').inputValue(), '45000');
  });

  it('lists the failure rules as the router applies them', async () => {
    const { rules } = await expectJson<ResilienceViewDto>(await routed.router.manage('GET', '/api/resilience'), 200);
    const rows = page().locator('tr[data-rule]');
    await rows.first().waitFor();
    assert.deepEqual(await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-rule'))), rules.map((rule) => rule.name));
    const rateLimited = page().locator('tr[data-rule="rate-limited"]');
    assert.match((await rateLimited.textContent()) ?? '', /^rate-limitedHTTP 429Next account, then next targetreset time announced by the upstream, else 30000 ms$/);
    assert.deepEqual(routed.problems, []);
  });
});
