import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { countRows, openUsageHarness, type UsageHarness } from './usage-fixtures.js';

const planted = 'sk-omni-' + 'Q'.repeat(43);
const upstreamKey = 'sk-proj-' + 'z'.repeat(40);

describe('RequestLogSink', () => {
  let harness: UsageHarness;
  afterEach(() => harness.close());

  it('captures nothing while request logs are off (the default)', () => {
    harness = openUsageHarness();
    assert.equal(harness.services.requestLogs.enabled, false);
    harness.services.requestLogs.capture({ requestId: 'req_1', requestBody: Buffer.from('{}'), responseBody: '{}', headers: {} });
    harness.services.requestLogs.flush();
    assert.equal(countRows(harness.store, 'request_logs'), 0);
  });

  it('stores bodies and headers with every credential redacted', () => {
    harness = openUsageHarness();
    harness.settings.update({ requestLogs: { enabled: true, maxBodyBytes: 64 * 1024 } });
    const body = JSON.stringify({ model: 'sim/gpt-4o', messages: [{ role: 'user', content: `my key is ${planted} and ${upstreamKey}` }], api_key: 'hunter2-secret-value' });
    harness.services.requestLogs.capture({
      requestId: 'req_1',
      requestBody: Buffer.from(body),
      responseBody: `data: {"echo":"${planted}"}\n\n`,
      headers: { authorization: `Bearer ${planted}`, 'x-api-key': planted, 'content-type': 'application/json', 'x-note': `token=${planted}` },
    });
    assert.equal(countRows(harness.store, 'request_logs'), 0, 'capture only queues');
    harness.services.requestLogs.flush();
    const stored = harness.store.requestLogs.get('req_1');
    assert.ok(stored);
    const everything = JSON.stringify(stored);
    assert.ok(!everything.includes(planted), 'the client key is not stored');
    assert.ok(!everything.includes('Q'.repeat(12)), 'not even a long part of it');
    assert.ok(!everything.includes(upstreamKey));
    assert.ok(!everything.includes('hunter2-secret-value'));
    assert.equal(stored.requestHeaders.authorization, '[redacted]');
    assert.equal(stored.requestHeaders['x-api-key'], '[redacted]');
    assert.equal(stored.requestHeaders['content-type'], 'application/json');
    assert.match(stored.requestBody, /"model":"sim\/gpt-4o"/, 'the rest of the body is kept');
    assert.equal(stored.requestBytes, Buffer.byteLength(body));
    assert.equal(stored.truncated, false);
  });

  it('caps each body at maxBodyBytes, redacting a key that straddles the cut', () => {
    harness = openUsageHarness();
    harness.settings.update({ requestLogs: { enabled: true, maxBodyBytes: 1024 } });
    const body = 'x'.repeat(1000) + ' ' + planted + 'é'.repeat(50_000);
    harness.services.requestLogs.capture({ requestId: 'req_big', requestBody: Buffer.from(body), responseBody: 'ok', headers: {} });
    harness.services.requestLogs.flush();
    const stored = harness.store.requestLogs.get('req_big');
    assert.ok(stored);
    assert.ok(Buffer.byteLength(stored.requestBody) <= 1024);
    assert.ok(!stored.requestBody.includes('QQQQQQQQ'));
    assert.ok(!stored.requestBody.includes('\uFFFD'), 'no broken character at the cut');
    assert.equal(stored.truncated, true);
    assert.equal(stored.requestBytes, Buffer.byteLength(body));
    assert.equal(stored.responseBody, 'ok');
  });
});
