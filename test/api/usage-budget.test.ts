/** `/api/usage/budget` and `/api/usage/request-logs` through the real server. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreatedApiKeyDto } from '../../shared/api-types.js';
import type { BudgetStatusDto } from '../../shared/usage-types.js';
import type { AppEventMap } from '../../main/util/app-events.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { usageEntry } from '../usage/usage-fixtures.js';

describe('/api/usage/budget', () => {
  let router: TestRouter;
  let key: CreatedApiKeyDto;
  const warnings: AppEventMap['budget-warning'][] = [];

  const post = async (body: unknown, status: number): Promise<BudgetStatusDto> => {
    const response = await router.manage('POST', '/api/usage/budget', body);
    assert.equal(response.status, status, await response.clone().text());
    return (await response.json()) as BudgetStatusDto;
  };
  const list = async (): Promise<BudgetStatusDto[]> => ((await (await router.manage('GET', '/api/usage/budget')).json()) as { data: BudgetStatusDto[] }).data;
  /** Spends whole dollars on a model priced at $1 per token. */
  const spend = (dollars: number, apiKeyId: string | null): void =>
    router.app.context.usage.record(usageEntry({ startedAt: Date.now(), apiKeyId, model: 'sim/dollar-model', inputTokens: dollars, outputTokens: 0, cachedInputTokens: 0 }));

  before(async () => {
    router = await startRouter();
    router.app.context.events.on('budget-warning', (payload) => warnings.push(payload));
    const created = await router.manage('POST', '/api/keys', { name: 'ci-bot' });
    key = (await created.json()) as CreatedApiKeyDto;
    const priced = await router.manage('PUT', '/api/pricing/dollar-model', { input: 1_000_000, output: 1_000_000 });
    assert.equal(priced.status, 200);
  });
  after(() => router?.close());

  it('sets a key budget as in the seeds (201), then updates it (200)', async () => {
    const created = await post({ keyId: key.id, limit: 50.0, period: 'monthly' }, 201);
    assert.deepEqual(Object.keys(created).sort(), ['id', 'keyId', 'keyName', 'limit', 'period', 'periodStart', 'remaining', 'resetsAt', 'spent', 'state', 'warnAt']);
    assert.match(created.id, /^bud_/);
    assert.deepEqual(
      { keyId: created.keyId, keyName: created.keyName, limit: created.limit, period: created.period, warnAt: created.warnAt, spent: created.spent, remaining: created.remaining, state: created.state },
      { keyId: key.id, keyName: 'ci-bot', limit: 50, period: 'monthly', warnAt: 0.8, spent: 0, remaining: 50, state: 'ok' },
    );
    const now = new Date();
    assert.equal(created.periodStart, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString());
    assert.equal(created.resetsAt, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString());
    const updated = await post({ keyId: key.id, limit: 5, period: 'monthly', warnAt: 0.5 }, 200);
    assert.equal(updated.id, created.id);
    assert.deepEqual([updated.limit, updated.warnAt], [5, 0.5]);
  });

  it('reports spending, warning and exhaustion, and refuses the next request', async () => {
    spend(2, key.id);
    spend(1, null);
    let [status] = await list();
    assert.deepEqual([status?.spent, status?.remaining, status?.state], [2, 3, 'ok']);
    spend(1, key.id);
    [status] = await list();
    assert.deepEqual([status?.spent, status?.state], [3, 'warning']);
    router.app.context.budgets.check(key.id);
    spend(2, key.id);
    [status] = await list();
    assert.deepEqual([status?.spent, status?.remaining, status?.state], [5, 0, 'exceeded']);
    assert.throws(() => router.app.context.budgets.check(key.id), /ci-bot.*monthly budget of \$5\.00 is used up \(\$5\.00 spent/);
    router.app.context.budgets.check(null);
    assert.deepEqual(warnings.map((warning) => [warning.keyId, warning.spent, warning.exceeded]), [[key.id, 3, false], [key.id, 5, true]]);
  });

  it('sets a global budget with no keyId', async () => {
    const global = await post({ limit: 100, period: 'daily' }, 201);
    assert.equal(global.keyId, null);
    assert.equal(global.keyName, null);
    assert.equal(global.spent, 6, 'all spending today, with or without a key');
    assert.equal((await list()).length, 2);
  });

  it('takes a budget when a key is created (POST /api/keys {budget})', async () => {
    const response = await router.manage('POST', '/api/keys', { name: 'capped', budget: { limit: 2, period: 'weekly', warnAt: 0.9 } });
    assert.equal(response.status, 201);
    const capped = (await response.json()) as CreatedApiKeyDto;
    const budget = (await list()).find((entry) => entry.keyId === capped.id);
    assert.deepEqual([budget?.keyName, budget?.limit, budget?.period, budget?.warnAt, budget?.spent], ['capped', 2, 'weekly', 0.9, 0]);
    assert.equal((await router.manage('DELETE', `/api/keys/${capped.id}`)).status, 204);
    assert.equal((await list()).find((entry) => entry.keyId === capped.id), undefined, 'a deleted key takes its budgets with it');
    const invalid = await router.manage('POST', '/api/keys', { name: 'bad', budget: { limit: 2, period: 'hourly' } });
    assert.equal(invalid.status, 400);
  });

  it('rejects unknown keys and invalid bodies', async () => {
    const unknown = await router.manage('POST', '/api/usage/budget', { keyId: 'key_missing', limit: 1, period: 'daily' });
    assert.equal(unknown.status, 404);
    for (const body of [{ limit: -1, period: 'daily' }, { limit: 1, period: 'yearly' }, { limit: 1, period: 'daily', warnAt: 1.5 }, { limit: 1, period: 'daily', extra: true }]) {
      const response = await router.manage('POST', '/api/usage/budget', body);
      assert.equal(response.status, 400, JSON.stringify(body));
    }
  });

  it('deletes by id and by key and period', async () => {
    const [keyBudget, globalBudget] = await list();
    assert.equal((await router.manage('DELETE', `/api/usage/budget/${keyBudget!.id}`)).status, 204);
    assert.equal((await router.manage('DELETE', `/api/usage/budget/${keyBudget!.id}`)).status, 404);
    router.app.context.budgets.check(key.id);
    assert.equal((await router.manage('DELETE', '/api/usage/budget?period=weekly')).status, 404);
    assert.equal((await router.manage('DELETE', '/api/usage/budget?period=daily')).status, 204);
    assert.deepEqual(await list(), []);
    assert.ok(globalBudget);
  });
});

describe('/api/usage/request-logs', () => {
  let router: TestRouter;
  const planted = 'sk-omni-' + 'P'.repeat(43);
  before(async () => {
    router = await startRouter();
  });
  after(() => router?.close());

  it('is off by default and captures nothing', async () => {
    router.app.context.requestLogs.capture({ requestId: 'req_off', requestBody: Buffer.from('{}'), responseBody: '{}', headers: {} });
    const body = (await (await router.manage('GET', '/api/usage/request-logs')).json()) as { enabled: boolean; data: unknown[]; total: number };
    assert.deepEqual(body, { enabled: false, data: [], total: 0 });
  });

  it('once enabled in the settings, stores redacted bodies readable through the API', async () => {
    const settings = await router.manage('PUT', '/api/settings', { requestLogs: { enabled: true, maxBodyBytes: 2048 } });
    assert.equal(settings.status, 200);
    const requestBody = JSON.stringify({ model: 'sim/gpt-4o', messages: [{ role: 'user', content: `use ${planted}` }], padding: 'y'.repeat(5000) });
    router.app.context.requestLogs.capture({
      requestId: 'req_on',
      requestBody: Buffer.from(requestBody),
      responseBody: '{"choices":[]}',
      headers: { authorization: `Bearer ${planted}`, 'user-agent': 'test' },
    });
    const listed = (await (await router.manage('GET', '/api/usage/request-logs')).json()) as { enabled: boolean; data: { requestId: string }[]; total: number };
    assert.equal(listed.enabled, true);
    assert.deepEqual(listed.data.map((entry) => entry.requestId), ['req_on']);
    const response = await router.manage('GET', '/api/usage/request-logs/req_on');
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.ok(!text.includes(planted), 'the planted key is not stored');
    const entry = JSON.parse(text) as { requestHeaders: Record<string, string>; requestBody: string; responseBody: string; requestBytes: number; truncated: boolean; createdAt: string };
    assert.equal(entry.requestHeaders.authorization, '[redacted]');
    assert.equal(entry.requestHeaders['user-agent'], 'test');
    assert.ok(Buffer.byteLength(entry.requestBody) <= 2048);
    assert.equal(entry.requestBytes, Buffer.byteLength(requestBody));
    assert.equal(entry.truncated, true);
    assert.equal(entry.responseBody, '{"choices":[]}');
    assert.ok(!Number.isNaN(Date.parse(entry.createdAt)));
    assert.equal((await router.manage('GET', '/api/usage/request-logs/req_missing')).status, 404);
  });
});
