/** `/api/pricing` through the real server. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PriceDto } from '../../shared/usage-types.js';
import { defaultPrices } from '../../main/usage/pricing/default-prices.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

describe('/api/pricing', () => {
  let router: TestRouter;
  const prices = async (): Promise<PriceDto[]> => ((await (await router.manage('GET', '/api/pricing')).json()) as { data: PriceDto[] }).data;

  before(async () => {
    router = await startRouter();
  });
  after(() => router?.close());

  it('lists the shipped prices, each marked default', async () => {
    const rows = await prices();
    assert.equal(rows.length, defaultPrices.size);
    assert.ok(rows.every((row) => row.source === 'default'));
    assert.deepEqual(rows.find((row) => row.model === 'claude-sonnet-4-5'), { model: 'claude-sonnet-4-5', input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75, source: 'default' });
  });

  it('sets a custom price that replaces the shipped one, and resolves model names', async () => {
    const put = await router.manage('PUT', '/api/pricing/gpt-4o', { input: 2, output: 9, cachedInput: 0.5 });
    assert.equal(put.status, 200);
    assert.deepEqual(await put.json(), { model: 'gpt-4o', input: 2, output: 9, cachedInput: 0.5, cacheWrite: null, source: 'custom' });
    const rows = await prices();
    assert.equal(rows.filter((row) => row.model === 'gpt-4o').length, 1);
    assert.equal(rows.length, defaultPrices.size);

    const resolved = await router.manage('GET', '/api/pricing/gpt-4o-2024-08-06');
    assert.deepEqual(await resolved.json(), { model: 'gpt-4o-2024-08-06', matched: 'gpt-4o', input: 2, output: 9, cachedInput: 0.5, cacheWrite: null, source: 'custom' });
    assert.equal(router.app.context.pricing.priceOf('gpt-4o')?.output, 9, 'the routing engine sees it at once');

    const pattern = await router.manage('PUT', '/api/pricing/openrouter/*', { input: 0, output: 0 });
    assert.equal(pattern.status, 200);
    assert.equal(((await (await router.manage('GET', '/api/pricing/openrouter/some-free-model')).json()) as PriceDto).source, 'custom');
  });

  it('goes back to the shipped price on DELETE', async () => {
    assert.equal((await router.manage('DELETE', '/api/pricing/gpt-4o')).status, 204);
    assert.deepEqual((await prices()).find((row) => row.model === 'gpt-4o')?.source, 'default');
    assert.equal((await router.manage('DELETE', '/api/pricing/gpt-4o')).status, 404, 'no custom price left');
    assert.equal(router.app.context.pricing.priceOf('gpt-4o')?.output, 10);
    assert.equal((await router.manage('GET', '/api/pricing/no-such-model')).status, 404);
  });

  it('validates prices', async () => {
    for (const body of [{ input: -1, output: 1 }, { input: 1 }, { input: 1, output: 1, cachedInput: 'cheap' }, { input: 1, output: 1, currency: 'EUR' }]) {
      const response = await router.manage('PUT', '/api/pricing/my-model', body);
      assert.equal(response.status, 400, JSON.stringify(body));
    }
  });
});
