import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { countRows, openUsageHarness, usageEntry, type UsageHarness } from './usage-fixtures.js';

const day = 86_400_000;

describe('usage roll-ups and retention', () => {
  let harness: UsageHarness;
  afterEach(() => harness.close());

  it('sums requests into UTC hour and day buckets per provider, model and key', () => {
    harness = openUsageHarness();
    const { services, store } = harness;
    const nine = Date.UTC(2026, 10, 20, 9, 15);
    const entries = [
      usageEntry({ startedAt: nine, apiKeyId: 'key_a', inputTokens: 100, outputTokens: 10, latencyMs: 100 }),
      usageEntry({ startedAt: nine + 30 * 60_000, apiKeyId: 'key_a', inputTokens: 200, outputTokens: 20, latencyMs: 300, status: 500, errorCode: 'upstream_error' }),
      usageEntry({ startedAt: nine + 60 * 60_000, apiKeyId: 'key_a', inputTokens: 300, outputTokens: 30, latencyMs: 50 }),
      usageEntry({ startedAt: nine, apiKeyId: null, inputTokens: 5, outputTokens: 1, latencyMs: 10, reasoningTokens: 1 }),
    ];
    for (const entry of entries) services.usage.record(entry);
    services.usage.flush();
    const hourly = store.db.prepare('SELECT bucket, api_key_id, requests, errors, input_tokens, output_tokens, reasoning_tokens, latency_ms_sum FROM usage_hourly ORDER BY bucket, api_key_id').all();
    assert.deepEqual(hourly, [
      { bucket: Date.UTC(2026, 10, 20, 9), api_key_id: '', requests: 1, errors: 0, input_tokens: 5, output_tokens: 1, reasoning_tokens: 1, latency_ms_sum: 10 },
      { bucket: Date.UTC(2026, 10, 20, 9), api_key_id: 'key_a', requests: 2, errors: 1, input_tokens: 300, output_tokens: 30, reasoning_tokens: 0, latency_ms_sum: 400 },
      { bucket: Date.UTC(2026, 10, 20, 10), api_key_id: 'key_a', requests: 1, errors: 0, input_tokens: 300, output_tokens: 30, reasoning_tokens: 0, latency_ms_sum: 50 },
    ]);
    // A second batch adds to the same buckets.
    services.usage.record(usageEntry({ startedAt: nine + 5 * 60_000, apiKeyId: 'key_a', inputTokens: 1, outputTokens: 1, latencyMs: 1 }));
    services.usage.flush();
    const daily = store.db.prepare("SELECT bucket, requests, input_tokens FROM usage_daily WHERE api_key_id = 'key_a'").all();
    assert.deepEqual(daily, [{ bucket: Date.UTC(2026, 10, 20), requests: 4, input_tokens: 601 }]);
  });

  it('deletes detail and request logs older than usageRetentionDays and keeps the roll-ups', () => {
    harness = openUsageHarness({ at: Date.UTC(2026, 10, 20, 12) });
    const { services, store, settings, clock } = harness;
    settings.update({ usageRetentionDays: 7, requestLogs: { enabled: true, maxBodyBytes: 4096 } });
    const old = clock.at - 8 * day;
    const recent = clock.at - 6 * day;
    services.usage.record(usageEntry({ requestId: 'req_old', startedAt: old }));
    services.usage.record(usageEntry({ requestId: 'req_recent', startedAt: recent }));
    services.usage.flush();
    clock.at = old;
    services.requestLogs.capture({ requestId: 'req_old', requestBody: Buffer.from('{}'), responseBody: '{}', headers: {} });
    services.requestLogs.flush();
    clock.at = Date.UTC(2026, 10, 20, 12);
    services.requestLogs.capture({ requestId: 'req_recent', requestBody: Buffer.from('{}'), responseBody: '{}', headers: {} });
    services.requestLogs.flush();

    assert.deepEqual(services.retention.run(), { usageRecords: 1, requestLogs: 1 });
    assert.deepEqual(store.db.prepare<[], string>('SELECT request_id FROM usage_records').pluck().all(), ['req_recent']);
    assert.deepEqual(store.db.prepare<[], string>('SELECT request_id FROM request_logs').pluck().all(), ['req_recent']);
    assert.equal(store.db.prepare<[], number>('SELECT SUM(requests) FROM usage_daily').pluck().get(), 2, 'roll-ups are kept');
    assert.equal(store.db.prepare<[], number>('SELECT SUM(requests) FROM usage_hourly').pluck().get(), 2);
    assert.deepEqual(services.retention.run(), { usageRecords: 0, requestLogs: 0 });
  });

  it('runs at start', () => {
    harness = openUsageHarness({ at: Date.UTC(2026, 10, 20) });
    harness.services.usage.record(usageEntry({ startedAt: Date.UTC(2026, 9, 1) }));
    harness.services.usage.flush();
    const { dataDir } = harness;
    harness.close({ keepDataDir: true });
    harness = openUsageHarness({ dataDir, at: Date.UTC(2026, 10, 20) });
    assert.equal(countRows(harness.store, 'usage_records'), 0);
    assert.equal(countRows(harness.store, 'usage_daily'), 1);
  });
});
