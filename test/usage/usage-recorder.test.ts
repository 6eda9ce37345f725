import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, it } from 'node:test';
import { openStore } from '../../main/store/index.js';
import { tokenFieldsOf, upstreamModelOf } from '../../main/usage/usage-entry.js';
import { countRows, openUsageHarness, usageEntry, type UsageHarness } from './usage-fixtures.js';
import { startRouter } from '../support/start-router.js';
import { removeTempDir } from '../store/fixtures.js';

interface StoredRecord {
  request_id: string;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_input_tokens: number | null;
  reasoning_tokens: number | null;
  cost: number | null;
  notes: string | null;
}

describe('UsageRecorder', () => {
  let harness: UsageHarness | undefined;
  afterEach(() => harness?.close());

  it('queues records without writing, then writes the queue in one flush with costs and roll-ups', () => {
    harness = openUsageHarness();
    const { services, store } = harness;
    const entries = [
      usageEntry({ inputTokens: 10_000, outputTokens: 1000, cachedInputTokens: 4000, notes: ['system prompt applied'] }),
      usageEntry({ model: 'sim/unpriced-model', requestedModel: 'my-combo' }),
      usageEntry({ status: 502, errorCode: 'upstream_error', inputTokens: null, outputTokens: null, cachedInputTokens: null, cacheWriteInputTokens: null, reasoningTokens: null, ttftMs: null, provider: 'sim', model: null }),
    ];
    for (const entry of entries) services.usage.record(entry);
    assert.equal(services.usage.pending, 3);
    assert.equal(countRows(store, 'usage_records'), 0, 'record() never writes on the caller turn');

    services.usage.flush();
    assert.equal(services.usage.pending, 0);
    const rows = store.db.prepare<[], StoredRecord>('SELECT * FROM usage_records ORDER BY id').all();
    assert.deepEqual(rows.map((row) => row.request_id), entries.map((entry) => entry.requestId));
    // gpt-4o: 6,000 uncached at $2.50, 4,000 cached at $1.25, 1,000 out at $10 per million.
    assert.ok(Math.abs((rows[0]?.cost ?? 0) - (6000 * 2.5 + 4000 * 1.25 + 1000 * 10) / 1e6) < 1e-12);
    assert.equal(rows[0]?.notes, JSON.stringify(['system prompt applied']));
    assert.equal(rows[1]?.cost, null, 'no price, no cost');
    assert.deepEqual([rows[2]?.input_tokens, rows[2]?.output_tokens, rows[2]?.cost], [null, null, null], 'unreported stays null');

    const daily = store.db.prepare<[], { requests: number; errors: number; input_tokens: number; cached_input_tokens: number; model: string }>(
      'SELECT requests, errors, input_tokens, cached_input_tokens, model FROM usage_daily ORDER BY model',
    ).all();
    assert.deepEqual(daily, [
      { requests: 1, errors: 1, input_tokens: 0, cached_input_tokens: 0, model: '' },
      { requests: 1, errors: 0, input_tokens: 10_000, cached_input_tokens: 4000, model: 'sim/gpt-4o' },
      { requests: 1, errors: 0, input_tokens: 1000, cached_input_tokens: 0, model: 'sim/unpriced-model' },
    ]);
    assert.equal(countRows(store, 'usage_hourly'), 3);
  });

  it('rolls a batch spanning hours and days up into one hourly row per hour and one daily row per day', () => {
    harness = openUsageHarness();
    const { services, store } = harness;
    const day = Date.UTC(2026, 10, 20);
    const hour = 3_600_000;
    // Three hours of one day (two records in the first), then the next day; two keys on the first hour.
    const startedAt = [day + 5 * 60_000, day + 50 * 60_000, day + 3 * hour, day + 23 * hour + 59 * 60_000, day + 24 * hour + 1];
    startedAt.forEach((at, index) => services.usage.record(usageEntry({ startedAt: at, inputTokens: 100 * (index + 1), latencyMs: 10, apiKeyId: index === 1 ? 'key_b' : 'key_a' })));
    services.usage.flush();
    const hourly = store.db.prepare<[], { bucket: number; api_key_id: string; requests: number; input_tokens: number }>('SELECT bucket, api_key_id, requests, input_tokens FROM usage_hourly ORDER BY bucket, api_key_id').all();
    assert.deepEqual(hourly, [
      { bucket: day, api_key_id: 'key_a', requests: 1, input_tokens: 100 },
      { bucket: day, api_key_id: 'key_b', requests: 1, input_tokens: 200 },
      { bucket: day + 3 * hour, api_key_id: 'key_a', requests: 1, input_tokens: 300 },
      { bucket: day + 23 * hour, api_key_id: 'key_a', requests: 1, input_tokens: 400 },
      { bucket: day + 24 * hour, api_key_id: 'key_a', requests: 1, input_tokens: 500 },
    ]);
    const daily = store.db.prepare<[], { bucket: number; api_key_id: string; requests: number; input_tokens: number; latency_ms_sum: number }>('SELECT bucket, api_key_id, requests, input_tokens, latency_ms_sum FROM usage_daily ORDER BY bucket, api_key_id').all();
    assert.deepEqual(daily, [
      { bucket: day, api_key_id: 'key_a', requests: 3, input_tokens: 800, latency_ms_sum: 30 },
      { bucket: day, api_key_id: 'key_b', requests: 1, input_tokens: 200, latency_ms_sum: 10 },
      { bucket: day + 24 * hour, api_key_id: 'key_a', requests: 1, input_tokens: 500, latency_ms_sum: 10 },
    ]);
  });

  it('writes a full batch on the next turn of the event loop without waiting for the timer', async () => {
    harness = openUsageHarness();
    const { services, store } = harness;
    for (let index = 0; index < 500; index += 1) services.usage.record(usageEntry());
    assert.equal(countRows(store, 'usage_records'), 0);
    await nextTurn();
    assert.equal(countRows(store, 'usage_records'), 500);
    assert.equal(store.db.prepare<[], number>('SELECT SUM(requests) FROM usage_hourly').pluck().get(), 500);
  });

  it('stores every field of an entry in its own column', () => {
    harness = openUsageHarness();
    const { services, store } = harness;
    // Every field distinct, so a value written to the wrong column cannot go unnoticed.
    const entry = usageEntry({
      requestId: 'req_columns', startedAt: Date.UTC(2026, 10, 21, 9, 30), clientFormat: 'anthropic-messages', apiKeyId: 'key_1',
      provider: 'sim', accountId: 'acc_2', requestedModel: 'my-combo', model: 'sim/gpt-4o', status: 201, errorCode: 'code_x',
      stream: true, inputTokens: 11, outputTokens: 12, cachedInputTokens: 3, cacheWriteInputTokens: 4, reasoningTokens: 5,
      latencyMs: 66.6, ttftMs: 7.4, cacheHit: true, fallback: true, attempts: 2, notes: ['a note'],
    });
    services.usage.record(entry);
    services.usage.flush();
    const { id, cost, ...row } = store.db.prepare<[], Record<string, unknown>>('SELECT * FROM usage_records').get() ?? {};
    assert.equal(typeof id, 'number');
    assert.ok(typeof cost === 'number' && cost > 0);
    assert.deepEqual(row, {
      request_id: 'req_columns', started_at: Date.UTC(2026, 10, 21, 9, 30), client_format: 'anthropic-messages', api_key_id: 'key_1',
      provider: 'sim', account_id: 'acc_2', requested_model: 'my-combo', model: 'sim/gpt-4o', status: 201, error_code: 'code_x',
      stream: 1, input_tokens: 11, output_tokens: 12, cached_input_tokens: 3, cache_write_input_tokens: 4, reasoning_tokens: 5,
      latency_ms: 67, ttft_ms: 7, cache_hit: 1, fallback: 1, attempts: 2, notes: JSON.stringify(['a note']),
    });
  });

  it('stores each record of a batch written many rows to a statement in its own row, fields in place and in order', () => {
    harness = openUsageHarness();
    const { services, store } = harness;
    // 37: two statements of sixteen rows, then five written one by one.
    const entries = Array.from({ length: 37 }, (_, index) =>
      usageEntry({ requestId: `req_${index}`, status: 200 + index, inputTokens: index * 10, outputTokens: index, latencyMs: 1000 + index, stream: index % 2 === 0, notes: index % 5 === 0 ? [`note ${index}`] : undefined }),
    );
    for (const entry of entries) services.usage.record(entry);
    services.usage.flush();
    const rows = store.db.prepare<[], { request_id: string; status: number; input_tokens: number; output_tokens: number; latency_ms: number; stream: number; notes: string | null }>(
      'SELECT request_id, status, input_tokens, output_tokens, latency_ms, stream, notes FROM usage_records ORDER BY id',
    ).all();
    assert.deepEqual(
      rows,
      entries.map((entry, index) => ({
        request_id: entry.requestId, status: 200 + index, input_tokens: index * 10, output_tokens: index, latency_ms: 1000 + index, stream: index % 2 === 0 ? 1 : 0, notes: index % 5 === 0 ? JSON.stringify([`note ${index}`]) : null,
      })),
    );
    assert.equal(store.db.prepare<[], number>('SELECT SUM(requests) FROM usage_hourly').pluck().get(), 37);
  });

  it('writes a batch that failed again in front of the next one, nothing lost or duplicated', () => {
    harness = openUsageHarness();
    const { services, store } = harness;
    // A real write failure: SQLite refuses every insert while the trigger exists.
    store.db.exec("CREATE TRIGGER refuse_usage BEFORE INSERT ON usage_records BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
    services.usage.record(usageEntry({ requestId: 'req_first' }));
    services.usage.record(usageEntry({ requestId: 'req_second' }));
    services.usage.flush();
    assert.equal(countRows(store, 'usage_records'), 0);
    assert.equal(services.usage.pending, 2);
    store.db.exec('DROP TRIGGER refuse_usage');
    services.usage.record(usageEntry({ requestId: 'req_third' }));
    services.usage.flush();
    assert.equal(services.usage.pending, 0);
    const ids = store.db.prepare<[], string>('SELECT request_id FROM usage_records ORDER BY id').pluck().all();
    assert.deepEqual(ids, ['req_first', 'req_second', 'req_third']);
    assert.equal(store.db.prepare<[], number>('SELECT SUM(requests) FROM usage_hourly').pluck().get(), 3);
  });

  it('writes everything on close, and what is recorded after close at once', () => {
    harness = openUsageHarness();
    const { services, store } = harness;
    services.usage.record(usageEntry());
    services.usage.close();
    assert.equal(countRows(store, 'usage_records'), 1);
    services.usage.record(usageEntry());
    assert.equal(countRows(store, 'usage_records'), 2);
  });
});

describe('usage entry helpers', () => {
  it('keep unreported token figures null and zero as zero', () => {
    assert.deepEqual(tokenFieldsOf({ inputTokens: 10, outputTokens: 0, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: 3 }), {
      inputTokens: 10, outputTokens: 0, cachedInputTokens: null, cacheWriteInputTokens: null, reasoningTokens: 3,
    });
    assert.deepEqual(Object.values(tokenFieldsOf(undefined)), [null, null, null, null, null]);
  });

  it('price by the upstream model name without the provider prefix', () => {
    assert.equal(upstreamModelOf({ provider: 'openrouter', model: 'openrouter/anthropic/claude-sonnet-4.5' }), 'anthropic/claude-sonnet-4.5');
    assert.equal(upstreamModelOf({ provider: null, model: 'groq/llama-3.3-70b' }), 'llama-3.3-70b');
    assert.equal(upstreamModelOf({ provider: 'sim', model: null }), null);
  });
});

describe('UsageRecorder in the app', () => {
  it('keeps all of 5,000 records made concurrently through app shutdown', async () => {
    const router = await startRouter();
    const { usage } = router.app.context;
    const total = 5000;
    const tokensOf = (index: number) => ({ inputTokens: index, outputTokens: index % 7, cachedInputTokens: index % 3 });
    // 5,000 concurrent tasks, each recording when its turn comes, as request handlers would.
    await Promise.all(
      Array.from({ length: total }, async (_, index) => {
        await new Promise((resolve) => setTimeout(resolve, index % 5));
        usage.record(usageEntry({ requestId: `req_${index}`, startedAt: Date.now(), ...tokensOf(index) }));
      }),
    );
    await router.close({ keepDataDir: true });

    const store = openStore({ dataDir: router.dataDir });
    try {
      const stored = store.db.prepare<[], { count: number; input: number; output: number; uniqueIds: number }>(
        'SELECT COUNT(*) AS count, SUM(input_tokens) AS input, SUM(output_tokens) AS output, COUNT(DISTINCT request_id) AS uniqueIds FROM usage_records',
      ).get();
      const expectedInput = (total * (total - 1)) / 2;
      const expectedOutput = Array.from({ length: total }, (_, index) => index % 7).reduce((sum, value) => sum + value, 0);
      assert.deepEqual(stored, { count: total, input: expectedInput, output: expectedOutput, uniqueIds: total });
      assert.equal(store.db.prepare<[], number>('SELECT SUM(requests) FROM usage_daily').pluck().get(), total);
      assert.equal(store.db.prepare<[], number>('SELECT SUM(input_tokens) FROM usage_hourly').pluck().get(), expectedInput);
    } finally {
      store.close();
      removeTempDir(router.dataDir);
    }
  });
});
