import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { costOfTokens } from '../../main/usage/pricing/cost-of-tokens.js';
import { defaultPrices } from '../../main/usage/pricing/default-prices.js';
import type { PricingTable } from '../../main/usage/pricing/pricing-table.js';
import { openUsageHarness, type UsageHarness } from './usage-fixtures.js';

const tokens = (input: number | null, output: number | null, cached: number | null = null, cacheWrite: number | null = null) => ({
  inputTokens: input,
  outputTokens: output,
  cachedInputTokens: cached,
  cacheWriteInputTokens: cacheWrite,
});

const close = (actual: number | null, expected: number): void => {
  assert.ok(actual !== null, 'a cost');
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);
};

describe('cost maths', () => {
  const price = { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 };

  it('prices input and output per million tokens', () => {
    close(costOfTokens(price, tokens(1_000_000, 1_000_000)), 18);
    close(costOfTokens(price, tokens(2000, 500)), (2000 * 3 + 500 * 15) / 1e6);
  });

  it('takes cached and cache-write tokens out of the input (spec: input includes them) and prices them at their own rates', () => {
    // 10,000 prompt tokens of which 8,000 read from cache and 1,500 written to it: 500 uncached.
    close(costOfTokens(price, tokens(10_000, 200, 8000, 1500)), (500 * 3 + 8000 * 0.3 + 1500 * 3.75 + 200 * 15) / 1e6);
  });

  it('charges the input price for cache traffic when the model has no cache price', () => {
    const flat = { input: 2, output: 8, cachedInput: null, cacheWrite: null };
    close(costOfTokens(flat, tokens(1000, 0, 600, 100)), (1000 * 2) / 1e6);
  });

  it('never goes below zero when a provider reports cached tokens above the input', () => {
    close(costOfTokens(price, tokens(100, 0, 150)), (150 * 0.3) / 1e6);
  });

  it('is null when the upstream reported no tokens at all, and counts only the reported side otherwise', () => {
    assert.equal(costOfTokens(price, tokens(null, null)), null);
    close(costOfTokens(price, tokens(null, 1000)), (1000 * 15) / 1e6);
    close(costOfTokens(price, tokens(1000, null)), (1000 * 3) / 1e6);
  });
});

describe('PricingTable', () => {
  let harness: UsageHarness;
  let pricing: PricingTable;
  before(() => {
    harness = openUsageHarness();
    pricing = harness.services.pricing;
  });
  after(() => harness.close());

  it('finds shipped prices by exact name, dated variants and the longest matching name', () => {
    assert.deepEqual(pricing.priceOf('gpt-4o'), defaultPrices.get('gpt-4o'));
    assert.deepEqual(pricing.priceOf('gpt-4o-2024-08-06'), defaultPrices.get('gpt-4o'));
    assert.deepEqual(pricing.priceOf('gpt-4o-2024-05-13'), defaultPrices.get('gpt-4o-2024-05-13'), 'an exact dated row beats the family');
    assert.deepEqual(pricing.priceOf('gpt-4o-mini-2024-07-18'), defaultPrices.get('gpt-4o-mini'));
    assert.deepEqual(pricing.priceOf('claude-sonnet-4-5-20250929'), defaultPrices.get('claude-sonnet-4-5'));
    assert.deepEqual(pricing.priceOf('claude-opus-4-1-20250805'), defaultPrices.get('claude-opus-4-1'));
    assert.deepEqual(pricing.priceOf('GPT-4.1-MINI'), defaultPrices.get('gpt-4.1-mini'), 'case-insensitive');
  });

  it('does not take a version for a variant: gpt-5 does not price gpt-5.3', () => {
    assert.equal(pricing.priceOf('gpt-5.3'), undefined);
    assert.equal(pricing.priceOf('gpt-4o2'), undefined);
    assert.equal(pricing.priceOf('totally-unknown-model'), undefined);
  });

  it('tries the name without a vendor folder and with dots as dashes', () => {
    assert.deepEqual(pricing.priceOf('anthropic/claude-sonnet-4.5'), defaultPrices.get('claude-sonnet-4-5'));
    assert.deepEqual(pricing.priceOf('models/gemini-2.5-pro'), defaultPrices.get('gemini-2.5-pro'));
  });

  it('prefers user prices (exact, then patterns) over shipped ones and forgets them on reset', () => {
    const custom = { input: 1, output: 2, cachedInput: null, cacheWrite: null };
    pricing.set('claude-*', custom);
    assert.deepEqual(pricing.priceOf('claude-sonnet-4-5'), custom);
    assert.equal(pricing.resolve('claude-sonnet-4-5')?.source, 'custom');
    assert.equal(pricing.resolve('claude-sonnet-4-5')?.model, 'claude-*');
    const exact = { input: 7, output: 9, cachedInput: 0.7, cacheWrite: null };
    pricing.set('Claude-Sonnet-4-5', exact);
    assert.deepEqual(pricing.priceOf('claude-sonnet-4-5-20250929'), exact);
    assert.equal(pricing.reset('claude-sonnet-4-5'), true);
    assert.equal(pricing.reset('claude-*'), true);
    assert.equal(pricing.reset('claude-*'), false);
    assert.deepEqual(pricing.priceOf('claude-sonnet-4-5-20250929'), defaultPrices.get('claude-sonnet-4-5'));
  });

  it('lists shipped and user prices marked by source, user prices surviving a restart', () => {
    pricing.set('my-local-model', { input: 0, output: 0, cachedInput: null, cacheWrite: null });
    pricing.set('gpt-4o', { input: 1, output: 1, cachedInput: 1, cacheWrite: null });
    const rows = pricing.list();
    assert.equal(rows.find((row) => row.model === 'my-local-model')?.source, 'custom');
    assert.deepEqual(rows.find((row) => row.model === 'gpt-4o'), { model: 'gpt-4o', input: 1, output: 1, cachedInput: 1, cacheWrite: null, source: 'custom' });
    assert.equal(rows.find((row) => row.model === 'o3')?.source, 'default');
    assert.equal(rows.length, defaultPrices.size + 1);

    harness.services.close();
    harness.store.close();
    const reopened = openUsageHarness({ dataDir: harness.dataDir });
    try {
      assert.deepEqual(reopened.services.pricing.priceOf('gpt-4o'), { input: 1, output: 1, cachedInput: 1, cacheWrite: null });
    } finally {
      reopened.close({ keepDataDir: true });
    }
    harness = openUsageHarness({ dataDir: harness.dataDir });
    pricing = harness.services.pricing;
  });

  it('computes a record cost from the upstream model name', () => {
    close(pricing.costOf('o3-2025-04-16', tokens(1_000_000, 1_000_000, 500_000)), 0.5 * 2 + 0.5 * 0.5 + 8);
    assert.equal(pricing.costOf('unknown', tokens(10, 10)), null);
  });
});
