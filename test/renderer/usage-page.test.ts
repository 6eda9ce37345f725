/**
 * The Usage page in a real browser against the real router: a price set in the page is what the
 * recorded requests cost; totals, chart and request log show the simulator's exact token figures;
 * budgets are created and deleted through the form; request capture is switched on and a captured
 * request is shown; the request log pages through more requests than fit on one page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { BudgetStatusDto, PriceDto, UsageLogDto } from '../../shared/usage-types.js';
import { expectJson } from '../support/management-error.js';
import { ask, startRoutedDashboard, upstreamModel, type RoutedDashboard } from './routed-dashboard.js';

const screenshotPath = process.env.OMNIROUTE_USAGE_SCREENSHOT;

/** The sum of the figures in the chart's bar titles (`08:00 AM: 1,200`). */
const barSum = (titles: string[]): number => titles.reduce((sum, title) => sum + Number(/: ([\d,]+)/.exec(title)?.[1]?.replaceAll(',', '') ?? 0), 0);

describe('dashboard: usage', () => {
  let routed: RoutedDashboard;
  const page = () => routed.page;
  const budgetsNow = async () => (await expectJson<{ data: BudgetStatusDto[] }>(await routed.router.manage('GET', '/api/usage/budget'), 200)).data;
  const logsNow = async () => (await expectJson<{ data: UsageLogDto[] }>(await routed.router.manage('GET', '/api/usage/logs'), 200)).data;
  const total = (id: string) => page().locator(`[data-total="${id}"] dd`);
  const logRows = () => page().locator('tr[data-request-id]');
  const budgetForm = () => page().getByRole('form', { name: 'Set a budget' });
  const budgetRow = (scope: string) => page().locator(`tr[data-budget="${scope}"]`);
  /** Holds back the page's requests that `matches` until the returned function lets them through. */
  const holdBack = async (matches: (url: URL) => boolean): Promise<() => void> => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page().route(matches, async (route) => {
      await held;
      await route.continue();
    });
    return release;
  };

  before(async () => {
    routed = await startRoutedDashboard();
    await routed.open('Usage');
  });
  after(() => routed?.close());

  it('sets a price from the page, and refuses a malformed one at its field', async () => {
    const form = page().getByRole('form', { name: 'Set a price' });
    await form.getByLabel('Model').fill(upstreamModel);
    await form.getByLabel('Input', { exact: true }).fill('2');
    await form.getByLabel('Output').fill('ten');
    await form.getByRole('button', { name: 'Save price' }).click();
    await form.getByText('Enter a number.').waitFor();
    await form.getByLabel('Output').fill('10');
    await form.getByRole('button', { name: 'Save price' }).click();
    await page().locator(`tr[data-price="${upstreamModel}"]`).getByText('yours').waitFor();
    const prices = (await expectJson<{ data: PriceDto[] }>(await routed.router.manage('GET', '/api/pricing'), 200)).data;
    assert.deepEqual(prices.find((row) => row.model === upstreamModel), { model: upstreamModel, input: 2, output: 10, cachedInput: null, cacheWrite: null, source: 'custom' });
  });

  it('shows totals, chart and request log with the upstream’s exact figures', async () => {
    const { simulator, client } = routed;
    simulator.reply({ text: 'one', usage: { prompt_tokens: 1200, completion_tokens: 300, prompt_tokens_details: { cached_tokens: 200 } } });
    assert.ok(!((await ask(client)) instanceof OpenAI.APIError));
    // Rate-limited on the first account: the second one answers.
    simulator.fail({ status: 429, headers: { 'retry-after': '600' } });
    simulator.reply({ text: 'two', usage: { prompt_tokens: 800, completion_tokens: 100 } });
    assert.ok(!((await ask(client)) instanceof OpenAI.APIError));
    simulator.fail({ status: 400, body: { error: { message: "Invalid value for 'temperature'.", type: 'invalid_request_error', param: 'temperature', code: null } } });
    const refused = await ask(client);
    assert.ok(refused instanceof OpenAI.APIError && refused.status === 400, 'the third request fails');

    await page().reload();
    await page().getByRole('heading', { level: 1, name: 'Usage' }).waitFor();
    await total('requests').getByText('3', { exact: true }).waitFor();
    assert.deepEqual(
      await Promise.all(['errors', 'input', 'output', 'cached', 'cost'].map((id) => total(id).textContent())),
      ['1', '2,000', '400', '200', '$0.008'],
      // (1000 uncached + 200 cached) x $2 + 300 x $10, plus 800 x $2 + 100 x $10, per million tokens.
    );

    const barTitles = await page().locator('svg.chart-bars rect title').allTextContents();
    assert.equal(barTitles.length, 24, 'one bar per hour of the last 24');
    assert.equal(barSum(barTitles), 3);
    await page().getByLabel('Show').selectOption('tokens');
    await page().getByText('Tokens (input + output) per hour').waitFor();
    assert.equal(barSum(await page().locator('svg.chart-bars rect title').allTextContents()), 2400);

    await logRows().nth(2).waitFor();
    const cells = async (index: number) =>
      Promise.all(['status', 'input', 'output', 'cached', 'cost', 'routing'].map(async (cell) => (await logRows().nth(index).locator(`[data-cell="${cell}"]`).textContent())?.trim()));
    assert.deepEqual(await cells(2), ['200', '1,200', '300', '200', '$0.0054', 'sim']);
    assert.deepEqual(await cells(1), ['200', '800', '100', '0', '$0.0026', 'simfallback, 2 attempts']);
    assert.equal(await logRows().nth(0).locator('[data-cell="status"] .badge').textContent(), '400');
    assert.equal(await logRows().count(), 3);

    const filters = page().getByRole('form', { name: 'Filter requests' });
    await filters.getByLabel('Outcome').selectOption('error');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await page().getByText('1–1 of 1').waitFor();
    assert.equal(await logRows().locator('[data-cell="status"] .badge').textContent(), '400');
    await filters.getByLabel('Outcome').selectOption('');
    await filters.getByLabel('Provider').fill('nobody');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await page().getByText('No requests match.').waitFor();
    await filters.getByLabel('Provider').fill('');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await page().getByText('1–3 of 3').waitFor();
  });

  it('creates a global and a per-key budget, refuses an invalid limit, and deletes one', async () => {
    const key = await expectJson<{ id: string }>(await routed.router.manage('POST', '/api/keys', { name: 'ci' }), 201);
    await page().reload();
    await page().getByText('No budgets. Requests are not limited by cost.').waitFor();
    await budgetForm().getByLabel('Limit (USD)').fill('-5');
    await budgetForm().getByRole('button', { name: 'Save budget' }).click();
    await budgetForm().getByRole('alert').getByText(/expected number to be >0/).waitFor();
    assert.deepEqual(await budgetsNow(), [], 'nothing was sent');

    await budgetForm().getByLabel('Period').selectOption('daily');
    await budgetForm().getByLabel('Limit (USD)').fill('5');
    await budgetForm().getByRole('button', { name: 'Save budget' }).click();
    await budgetRow('global/daily').locator('[data-cell="spent"]').getByText('$0.008 of $5.00').waitFor();
    await budgetForm().getByLabel('Applies to').selectOption({ label: 'Key ci' });
    await budgetForm().getByLabel('Limit (USD)').fill('20');
    await budgetForm().getByLabel('Warn at (% of the limit)').fill('50');
    await budgetForm().getByRole('button', { name: 'Save budget' }).click();
    await budgetRow(`${key.id}/monthly`).getByText('Key ci').waitFor();
    const saved = await budgetsNow();
    assert.deepEqual(
      saved.map((budget) => [budget.keyId, budget.period, budget.limit, budget.warnAt, budget.state]).sort((left, right) => String(left[1]).localeCompare(String(right[1]))),
      [
        [null, 'daily', 5, 0.8, 'ok'],
        [key.id, 'monthly', 20, 0.5, 'ok'],
      ],
    );
    assert.ok(Math.abs((saved.find((budget) => budget.keyId === null)?.spent ?? 0) - 0.008) < 1e-9);

    await budgetRow('global/daily').getByRole('button', { name: 'Delete' }).click();
    await budgetRow('global/daily').getByRole('button', { name: 'Yes, delete' }).click();
    await budgetRow('global/daily').waitFor({ state: 'detached' });
    assert.deepEqual((await budgetsNow()).map((budget) => budget.keyId), [key.id]);
  });

  it('switches request capture on and shows a captured request', async () => {
    const section = page().getByRole('region', { name: 'Captured requests' });
    await section.getByText('No captured requests.').waitFor();
    // A controlled checkbox that flips once the server saved the setting, so click rather than check().
    await section.getByLabel('Capture request and response bodies').click();
    // A locator, not waitForFunction: a string predicate is evaluated in the page, which the
    // dashboard's CSP (no 'unsafe-eval') refuses whenever Playwright has to poll it.
    await page().locator('#capture-requests:checked').waitFor();
    const settings = await expectJson<{ requestLogs: { enabled: boolean } }>(await routed.router.manage('GET', '/api/settings'), 200);
    assert.equal(settings.requestLogs.enabled, true);
    routed.simulator.reply({ text: 'captured answer' });
    assert.ok(!((await ask(routed.client)) instanceof OpenAI.APIError));
    const [newest] = await logsNow();
    await page().reload();
    const capture = page().locator(`details[data-capture="${newest?.requestId}"]`);
    await capture.locator('summary').click();
    await capture.getByText(/captured answer/).waitFor();
    await capture.getByText(/"Hello"/).waitFor();
  });

  it('pages through the request log', async () => {
    for (let index = 0; index < 20; index += 1) assert.ok(!((await ask(routed.client)) instanceof OpenAI.APIError));
    await page().reload();
    const pager = page().getByRole('navigation', { name: 'Request pages' });
    await pager.getByText('1–20 of 24').waitFor();
    assert.equal(await logRows().count(), 20);
    // The older page is held back: until it arrives, the pager still counts the rows it shows.
    const older = (url: URL) => url.pathname === '/api/usage/logs' && url.searchParams.get('offset') === '20';
    const release = await holdBack(older);
    await pager.getByRole('button', { name: 'Older' }).click();
    assert.equal(await pager.getByRole('status').textContent(), '1–20 of 24');
    assert.equal(await logRows().count(), 20);
    release();
    await pager.getByText('21–24 of 24').waitFor();
    await page().unroute(older);
    assert.equal(await logRows().count(), 4);
    assert.equal(await logRows().last().locator('[data-cell="input"]').textContent(), '1,200', 'the oldest request is last');
    assert.equal(await pager.getByRole('button', { name: 'Older' }).isDisabled(), true);
    await pager.getByRole('button', { name: 'Newer' }).click();
    await pager.getByText('1–20 of 24').waitFor();
    if (screenshotPath) await page().screenshot({ path: screenshotPath, fullPage: true });
  });

  it('shows the last 7 days per day', async () => {
    // The days are held back until the chart has been checked meanwhile: it keeps showing the hours
    // it has, labelled as hours, rather than 24 hourly bars labelled as days.
    const daily = (url: URL) => url.pathname === '/api/usage/history' && url.searchParams.get('granularity') === 'day';
    const release = await holdBack(daily);
    await page().getByLabel('Range').selectOption('7d');
    const chart = page().locator('svg.chart-bars');
    assert.match((await chart.getAttribute('aria-label')) ?? '', /^Requests per hour;/);
    assert.equal(await chart.locator('rect title').count(), 24);
    release();
    await page().getByText('Requests per day').waitFor();
    await page().unroute(daily);
    const titles = await page().locator('svg.chart-bars rect title').allTextContents();
    assert.equal(titles.length, 7);
    // Summed rather than read off the last bar, so a run across midnight UTC still passes.
    assert.equal(barSum(titles), 24);
    assert.equal(titles.filter((title) => title.endsWith('(1 failed)')).length, 1);
    assert.equal(await total('requests').textContent(), '24');
  });

  it('removes a price of its own', async () => {
    const row = page().locator(`tr[data-price="${upstreamModel}"]`);
    await row.getByRole('button', { name: 'Remove' }).click();
    await row.getByRole('button', { name: 'Yes, remove' }).click();
    await row.waitFor({ state: 'detached' });
    await page().getByText(/^No prices of your own; \d+ shipped prices apply/).waitFor();
    const prices = (await expectJson<{ data: PriceDto[] }>(await routed.router.manage('GET', '/api/pricing'), 200)).data;
    assert.equal(prices.find((price) => price.model === upstreamModel), undefined);
    assert.deepEqual(routed.problems, []);
  });
});
