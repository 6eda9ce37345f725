/**
 * `/api/usage/*` and `/api/telemetry/summary` through the real server. The request pipeline's hook
 * into the recorder is the integrator's; here records go in through the recorder the app created,
 * exactly as the pipeline hands them over.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProviderDto } from '../../shared/api-types.js';
import type { UsageHistoryPointDto, UsageLogDto, UsageTotalsDto } from '../../shared/usage-types.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { usageEntry } from '../usage/usage-fixtures.js';

interface LogsPage {
  data: UsageLogDto[];
  nextCursor: string | null;
  total: number;
}

const hour = 3_600_000;

describe('/api/usage', () => {
  let router: TestRouter;
  let simulator: OpenAiSimulator;
  let provider: ProviderDto;
  const base = Date.UTC(2026, 10, 19, 10, 0, 0);

  const getJson = async <T>(path: string, status = 200): Promise<T> => {
    const response = await router.manage('GET', path);
    assert.equal(response.status, status, await response.clone().text());
    return (await response.json()) as T;
  };

  before(async () => {
    simulator = await startOpenAiSimulator();
    router = await startRouter();
    provider = await router.addProvider({ name: 'sim', kind: 'openai', baseUrl: simulator.url, apiKey: simulator.apiKey, models: simulator.models });
    const account = provider.accounts[0]!.id;
    const { usage } = router.app.context;
    // 30 requests over 3 hours: alternating keys, every fifth one failed, two providers.
    for (let index = 0; index < 30; index += 1) {
      const failed = index % 5 === 4;
      usage.record(
        usageEntry({
          requestId: `req_${String(index).padStart(2, '0')}`,
          startedAt: base + index * 6 * 60_000,
          apiKeyId: index % 2 === 0 ? 'key_even' : 'key_odd',
          provider: index < 20 ? 'sim' : 'other',
          accountId: index < 20 ? account : 'acc_other',
          model: failed ? null : index < 20 ? 'sim/gpt-4o' : 'other/claude-sonnet-4-5',
          requestedModel: index < 20 ? 'sim/gpt-4o' : 'fast-combo',
          status: failed ? 502 : 200,
          errorCode: failed ? 'upstream_error' : null,
          inputTokens: failed ? null : 1000 + index,
          outputTokens: failed ? null : 100,
          cachedInputTokens: failed ? null : 500,
          latencyMs: 100 + index * 10,
          ttftMs: failed ? null : 50,
          fallback: index === 7,
          attempts: index === 7 ? 2 : 1,
          ...(index === 3 ? { notes: ['thinking budget capped'] } : {}),
        }),
      );
    }
  });
  after(async () => {
    await router?.close();
    await simulator?.close();
  });

  it('lists requests newest first with every field, flushing what was just recorded', async () => {
    const page = await getJson<LogsPage>('/api/usage/logs?limit=3');
    assert.equal(page.total, 30);
    assert.deepEqual(page.data.map((row) => row.requestId), ['req_29', 'req_28', 'req_27']);
    const first = page.data[0]!;
    assert.deepEqual(Object.keys(first).sort(), [
      'accountId', 'apiKeyId', 'attempts', 'cacheHit', 'cacheWriteInputTokens', 'cachedInputTokens', 'clientFormat', 'cost', 'errorCode', 'fallback', 'id',
      'inputTokens', 'latencyMs', 'model', 'notes', 'outputTokens', 'provider', 'reasoningTokens', 'requestId', 'requestedModel', 'startedAt', 'status', 'stream', 'ttftMs',
    ]);
    assert.equal(first.startedAt, new Date(base + 29 * 6 * 60_000).toISOString());
    assert.deepEqual([first.status, first.errorCode, first.model, first.inputTokens, first.outputTokens, first.cost, first.ttftMs], [502, 'upstream_error', null, null, null, null, null]);
    const answered = page.data[1]!;
    assert.equal(answered.model, 'other/claude-sonnet-4-5');
    assert.equal(answered.requestedModel, 'fast-combo');
    assert.deepEqual([answered.inputTokens, answered.outputTokens, answered.cachedInputTokens], [1028, 100, 500]);
    // claude-sonnet-4-5: 528 uncached at $3, 500 cached at $0.30, 100 out at $15 per million.
    assert.ok(Math.abs(answered.cost! - (528 * 3 + 500 * 0.3 + 100 * 15) / 1e6) < 1e-12);
    const noted = (await getJson<LogsPage>('/api/usage/logs?limit=500')).data.find((row) => row.requestId === 'req_03');
    assert.deepEqual(noted?.notes, ['thinking budget capped']);
    const fallback = (await getJson<LogsPage>('/api/usage/logs?limit=500')).data.find((row) => row.requestId === 'req_07');
    assert.deepEqual([fallback?.fallback, fallback?.attempts], [true, 2]);
  });

  it('pages with a cursor through every record exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page: LogsPage = await getJson<LogsPage>(`/api/usage/logs?limit=7${query}`);
      assert.ok(page.data.length <= 7);
      seen.push(...page.data.map((row) => row.requestId));
      cursor = page.nextCursor;
    } while (cursor !== null);
    assert.deepEqual(seen, Array.from({ length: 30 }, (_, index) => `req_${String(29 - index).padStart(2, '0')}`));
    const offset = await getJson<LogsPage>('/api/usage/logs?limit=2&offset=10');
    assert.deepEqual(offset.data.map((row) => row.requestId), ['req_19', 'req_18']);
  });

  it('filters by provider, model, key, status and time range', async () => {
    const ids = async (query: string): Promise<string[]> => (await getJson<LogsPage>(`/api/usage/logs?limit=500&${query}`)).data.map((row) => row.requestId);
    assert.equal((await ids('provider=other')).length, 10);
    assert.deepEqual(await ids('model=fast-combo&status=error'), ['req_29', 'req_24']);
    assert.equal((await ids('model=sim/gpt-4o')).length, 20, 'the requested model matches too');
    assert.equal((await ids('keyId=key_odd')).length, 15);
    assert.deepEqual(await ids('status=502&keyId=key_even'), ['req_24', 'req_14', 'req_04']);
    assert.equal((await ids('status=success')).length, 24);
    const from = new Date(base + 60 * 60_000).toISOString();
    const to = String(base + 90 * 60_000);
    assert.deepEqual(await ids(`from=${from}&to=${to}`), ['req_14', 'req_13', 'req_12', 'req_11', 'req_10']);
    const filtered = await getJson<LogsPage>('/api/usage/logs?limit=1&provider=sim&status=success');
    assert.equal(filtered.total, 16);
  });

  it('rejects bad queries with a 400 naming the parameter', async () => {
    for (const [query, param] of [['limit=501', 'limit'], ['from=yesterday', 'from'], ['status=abc', 'status'], ['cursor=bm9wZQ', 'cursor'], ['colour=red', '']]) {
      const response = await router.manage('GET', `/api/usage/logs?${query}`);
      assert.equal(response.status, 400, query);
      const body = (await response.json()) as { error: { code: string; param?: string } };
      assert.equal(body.error.code, 'invalid_request');
      if (param) assert.equal(body.error.param, param);
    }
    assert.equal((await router.manage('GET', '/api/usage/history?granularity=minute')).status, 400);
  });

  it('returns hourly and daily roll-ups for charts, with totals', async () => {
    const hourly = await getJson<{ granularity: string; data: UsageHistoryPointDto[]; totals: UsageTotalsDto }>('/api/usage/history?granularity=hour&provider=sim');
    assert.equal(hourly.granularity, 'hour');
    const buckets = [...new Set(hourly.data.map((point) => point.bucket))];
    assert.deepEqual(buckets, [0, 1].map((offset) => new Date(base + offset * hour).toISOString()));
    assert.equal(hourly.totals.requests, 20);
    assert.equal(hourly.totals.errors, 4);
    const expectedInput = Array.from({ length: 20 }, (_, index) => (index % 5 === 4 ? 0 : 1000 + index)).reduce((sum, value) => sum + value, 0);
    assert.equal(hourly.totals.inputTokens, expectedInput);
    const point = hourly.data.find((row) => row.model === null);
    assert.ok(point, 'failed requests without a model have their own row');
    assert.equal(point.errors, point.requests);

    const daily = await getJson<{ data: UsageHistoryPointDto[]; totals: UsageTotalsDto }>(`/api/usage/history?keyId=key_odd&from=${base + 30 * 60_000}`);
    assert.equal(daily.totals.requests, 15, 'a range starting mid-day includes that day');
    assert.ok(daily.data.every((row) => row.bucket === new Date(Date.UTC(2026, 10, 19)).toISOString() && row.apiKeyId === 'key_odd'));
    const none = await getJson<{ data: unknown[]; totals: UsageTotalsDto }>(`/api/usage/history?from=${base + 2 * 86_400_000}`);
    assert.deepEqual(none.data, []);
    assert.equal(none.totals.averageLatencyMs, null);
  });

  it('summarises one provider account or one provider by model', async () => {
    const range = `from=${base}&to=${base + 4 * hour}`;
    const account = provider.accounts[0]!.id;
    const byAccount = await getJson<{ kind: string; provider: string; totals: UsageTotalsDto; models: { model: string | null; requests: number }[] }>(`/api/usage/${account}?${range}`);
    assert.equal(byAccount.kind, 'account');
    assert.equal(byAccount.provider, 'sim');
    assert.equal(byAccount.totals.requests, 20);
    assert.deepEqual(byAccount.models.map((row) => [row.model, row.requests]), [['sim/gpt-4o', 16], [null, 4]]);
    const byProvider = await getJson<{ kind: string; totals: UsageTotalsDto }>(`/api/usage/${provider.id}?${range}`);
    assert.equal(byProvider.kind, 'provider');
    assert.equal(byProvider.totals.requests, 20);
    assert.equal((await getJson<{ totals: UsageTotalsDto }>(`/api/usage/sim?${range}`)).totals.requests, 20, 'by provider name too');
    const missing = await router.manage('GET', '/api/usage/acc_nope');
    assert.equal(missing.status, 404);
  });

  it('reports latency percentiles per provider in the seed shape', async () => {
    const summary = await getJson<{ providers: Record<string, { p50: number; p95: number; p99: number; count: number }> }>(`/api/telemetry/summary?from=${base}&to=${base + 4 * hour}`);
    assert.deepEqual(Object.keys(summary.providers).sort(), ['other', 'sim']);
    // sim's successful latencies: 100 + 10 * index for index < 20 and index % 5 != 4 (16 values).
    const sim = Array.from({ length: 20 }, (_, index) => index).filter((index) => index % 5 !== 4).map((index) => 100 + index * 10);
    assert.deepEqual(summary.providers.sim, { p50: sim[7], p95: sim[15], p99: sim[15], count: 16 });
  });

  it('needs the management token', async () => {
    const response = await fetch(router.url + '/api/usage/logs');
    assert.equal(response.status, 401);
  });
});
