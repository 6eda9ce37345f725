import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { AppEventMap } from '../../main/util/app-events.js';
import { GatewayError } from '../../main/errors/gateway-error.js';
import { errorEncoders } from '../../main/formats/error-encoders.js';
import { periodBounds } from '../../main/usage/budget-period.js';
import { apiKeyRecord } from '../store/fixtures.js';
import { openUsageHarness, usageEntry, type UsageHarness } from './usage-fixtures.js';

/** A model priced at $1 per token, so a record's cost is its token count in dollars. */
const dollarModel = 'dollar-model';

function spend(harness: UsageHarness, dollars: number, overrides: Parameters<typeof usageEntry>[0] = {}): void {
  harness.services.usage.record(
    usageEntry({ model: `sim/${dollarModel}`, inputTokens: dollars, outputTokens: 0, cachedInputTokens: 0, startedAt: harness.clock.at, ...overrides }),
  );
  harness.services.usage.flush();
}

function exceededError(check: () => void): GatewayError {
  try {
    check();
  } catch (error) {
    assert.ok(error instanceof GatewayError);
    return error;
  }
  assert.fail('expected the budget check to throw');
}

describe('BudgetService', () => {
  let harness: UsageHarness;
  const warnings: AppEventMap['budget-warning'][] = [];
  const open = (at = Date.UTC(2026, 10, 20, 12)): UsageHarness => {
    harness = openUsageHarness({ at });
    harness.services.pricing.set(dollarModel, { input: 1_000_000, output: 1_000_000, cachedInput: null, cacheWrite: null });
    harness.store.apiKeys.insert(apiKeyRecord({ id: 'key_laptop', name: 'laptop' }));
    harness.store.apiKeys.insert(apiKeyRecord({ id: 'key_other', name: 'other', keyHash: 'b'.repeat(64) }));
    warnings.length = 0;
    harness.events.on('budget-warning', (payload) => warnings.push(payload));
    return harness;
  };
  afterEach(() => harness.close());

  it('allows spending just under the limit, refuses exactly at it and over it', () => {
    const { budgets } = open().services;
    budgets.set({ keyId: 'key_laptop', limit: 10, period: 'daily' });
    spend(harness, 9, { apiKeyId: 'key_laptop' });
    budgets.check('key_laptop');
    assert.equal(budgets.list()[0]?.state, 'warning');

    spend(harness, 1, { apiKeyId: 'key_laptop' });
    const atLimit = exceededError(() => budgets.check('key_laptop'));
    assert.equal(atLimit.status, 429);
    assert.equal(atLimit.code, 'budget_exceeded');
    assert.equal(atLimit.isRetryable, false);
    assert.equal(
      atLimit.message,
      'Budget exceeded: The API key "laptop" (key_laptop)\'s daily budget of $10.00 is used up ($10.00 spent this period). It resets at 2026-11-21T00:00:00.000Z.',
    );
    assert.equal(atLimit.headers['x-omniroute-budget-resets-at'], '2026-11-21T00:00:00.000Z');

    spend(harness, 5, { apiKeyId: 'key_laptop' });
    assert.throws(() => budgets.check('key_laptop'), /\$15\.00 spent/);
    assert.deepEqual(
      budgets.list().map(({ spent, remaining, state }) => ({ spent, remaining, state })),
      [{ spent: 15, remaining: 0, state: 'exceeded' }],
    );
    budgets.check('key_other');
    budgets.check(null);
  });

  it('applies a global budget to every request, with or without a key', () => {
    const { budgets } = open().services;
    budgets.set({ limit: 3, period: 'monthly' });
    spend(harness, 2, { apiKeyId: 'key_laptop' });
    budgets.check('key_other');
    spend(harness, 1, { apiKeyId: null });
    assert.throws(() => budgets.check('key_other'), /The global monthly budget of \$3\.00 is used up .* resets at 2026-12-01T00:00:00\.000Z/);
    assert.throws(() => budgets.check(null), GatewayError);
  });

  it('starts again at the next period and ignores records of the past one', () => {
    const { budgets } = open().services;
    budgets.set({ keyId: 'key_laptop', limit: 5, period: 'daily' });
    spend(harness, 5, { apiKeyId: 'key_laptop' });
    assert.throws(() => budgets.check('key_laptop'));
    const yesterday = harness.clock.at;
    harness.clock.at = Date.UTC(2026, 10, 21, 0, 0, 0);
    budgets.check('key_laptop');
    spend(harness, 3, { apiKeyId: 'key_laptop', startedAt: yesterday });
    assert.equal(budgets.list()[0]?.spent, 0, 'a late record of yesterday does not count today');
  });

  it('warns once when crossing the threshold and once when exceeded, per period', () => {
    const { budgets } = open().services;
    const budget = budgets.set({ keyId: 'key_laptop', limit: 10, period: 'weekly', warnAt: 0.5 });
    spend(harness, 4, { apiKeyId: 'key_laptop' });
    assert.equal(warnings.length, 0);
    spend(harness, 1, { apiKeyId: 'key_laptop' });
    spend(harness, 1, { apiKeyId: 'key_laptop' });
    assert.deepEqual(warnings, [{ budgetId: budget.id, keyId: 'key_laptop', period: 'weekly', spent: 5, limit: 10, exceeded: false }]);
    spend(harness, 10, { apiKeyId: 'key_laptop' });
    spend(harness, 1, { apiKeyId: 'key_laptop' });
    assert.deepEqual(warnings.map((warning) => [warning.spent, warning.exceeded]), [[5, false], [16, true]]);
    harness.clock.at = Date.UTC(2026, 10, 23, 12);
    spend(harness, 6, { apiKeyId: 'key_laptop' });
    assert.deepEqual(warnings.map((warning) => [warning.spent, warning.exceeded]), [[5, false], [16, true], [6, false]], 'the next week warns again');
  });

  it('loads the current period spending from the roll-ups at start', () => {
    open();
    harness.services.budgets.set({ keyId: 'key_laptop', limit: 10, period: 'monthly' });
    spend(harness, 4, { apiKeyId: 'key_laptop', startedAt: Date.UTC(2026, 10, 1, 0, 0, 0) });
    spend(harness, 6, { apiKeyId: 'key_laptop' });
    spend(harness, 100, { apiKeyId: 'key_laptop', startedAt: Date.UTC(2026, 9, 31, 23, 59, 59) });
    const { dataDir } = harness;
    harness.close({ keepDataDir: true });
    harness = openUsageHarness({ dataDir, at: Date.UTC(2026, 10, 20, 13) });
    const [status] = harness.services.budgets.list();
    assert.equal(status?.spent, 10, 'October is not November');
    assert.equal(status?.keyName, 'laptop');
    assert.throws(() => harness.services.budgets.check('key_laptop'), /budget_exceeded|Budget exceeded/);
  });

  it('updates the budget of the same key and period instead of adding one, and deletes', () => {
    const { budgets } = open().services;
    const first = budgets.set({ keyId: 'key_laptop', limit: 10, period: 'daily' });
    const second = budgets.set({ keyId: 'key_laptop', limit: 20, period: 'daily' });
    budgets.set({ keyId: 'key_laptop', limit: 100, period: 'monthly' });
    assert.equal(second.id, first.id);
    assert.equal(second.warnAt, 0.8);
    assert.deepEqual(budgets.list().map((budget) => [budget.period, budget.limit]), [['daily', 20], ['monthly', 100]]);
    assert.equal(budgets.delete(first.id), true);
    assert.equal(budgets.delete(first.id), false);
    assert.equal(budgets.list().length, 1);
  });

  it('renders the refusal as a 429 in every client envelope', () => {
    const { budgets } = open().services;
    budgets.set({ limit: 1, period: 'daily' });
    spend(harness, 1);
    const error = exceededError(() => budgets.check(null));
    const openai = errorEncoders['openai-chat'].renderError(error, 'req_1');
    assert.equal(openai.status, 429);
    assert.deepEqual(openai.body, { error: { message: error.message, type: 'rate_limit_error', param: null, code: 'budget_exceeded' } });
    const anthropic = errorEncoders['anthropic-messages'].renderError(error, 'req_1');
    assert.deepEqual(anthropic.body, { type: 'error', error: { type: 'rate_limit_error', message: error.message }, request_id: 'req_1' });
    const gemini = errorEncoders.gemini.renderError(error, 'req_1');
    assert.deepEqual(gemini.body, { error: { code: 429, message: error.message, status: 'RESOURCE_EXHAUSTED' } });
    assert.deepEqual(errorEncoders.ollama.renderError(error, 'req_1').body, { error: error.message });
    assert.equal((errorEncoders['openai-responses'].renderError(error, 'req_1').body as { error: { code: string } }).error.code, 'budget_exceeded');
  });
});

describe('budget periods', () => {
  it('are UTC days, ISO weeks from Monday and calendar months', () => {
    const at = Date.UTC(2026, 10, 22, 7, 30); // a Sunday
    assert.deepEqual(periodBounds('daily', at), { start: Date.UTC(2026, 10, 22), end: Date.UTC(2026, 10, 23) });
    assert.deepEqual(periodBounds('weekly', at), { start: Date.UTC(2026, 10, 16), end: Date.UTC(2026, 10, 23) });
    assert.deepEqual(periodBounds('weekly', Date.UTC(2026, 10, 23)), { start: Date.UTC(2026, 10, 23), end: Date.UTC(2026, 10, 30) });
    assert.deepEqual(periodBounds('monthly', Date.UTC(2026, 11, 31, 23, 59)), { start: Date.UTC(2026, 11, 1), end: Date.UTC(2027, 0, 1) });
  });
});
