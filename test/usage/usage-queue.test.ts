import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UsageEntry } from '../../main/usage/usage-entry.js';
import { UsageQueue } from '../../main/usage/usage-queue.js';
import { usageEntry } from './usage-fixtures.js';

describe('UsageQueue', () => {
  it('gives back every field of every entry, in order, nulls and notes included', () => {
    const queue = new UsageQueue();
    const entries: UsageEntry[] = [
      usageEntry({
        requestId: 'req_a', startedAt: Date.UTC(2026, 10, 21, 9, 30, 1, 234), clientFormat: 'anthropic-messages', apiKeyId: 'key_1',
        provider: 'sim', accountId: 'acc_2', requestedModel: 'my-combo', model: 'sim/gpt-4o', status: 201, errorCode: 'code_x',
        stream: true, inputTokens: 11, outputTokens: 0, cachedInputTokens: 3, cacheWriteInputTokens: 4, reasoningTokens: 5,
        latencyMs: 66.6, ttftMs: 7.4, cacheHit: true, fallback: true, attempts: 2, notes: ['a note'],
      }),
      usageEntry({
        requestId: 'req_b', apiKeyId: null, provider: null, accountId: null, model: null, status: 502, errorCode: 'upstream_error',
        inputTokens: null, outputTokens: null, cachedInputTokens: null, cacheWriteInputTokens: null, reasoningTokens: null, ttftMs: null, attempts: 0,
      }),
    ];
    for (const entry of entries) queue.push(entry);
    assert.equal(queue.length, 2);
    assert.deepEqual(queue.drain(), entries);
    assert.equal(queue.length, 0);
    assert.deepEqual(queue.drain(), []);
  });

  it('grows past its initial capacity, and a drained slot keeps nothing of its earlier entry', () => {
    const queue = new UsageQueue(4);
    const first = Array.from({ length: 11 }, (_, index) => usageEntry({ requestId: `req_${index}`, inputTokens: index, latencyMs: index * 1.5, notes: [`note ${index}`] }));
    for (const entry of first) queue.push(entry);
    assert.deepEqual(queue.drain(), first);
    // The slot held notes before: nothing of the earlier entry shows through.
    const second = [usageEntry({ requestId: 'req_again' })];
    queue.push(second[0] as UsageEntry);
    assert.deepEqual(queue.drain(), second);
  });

  it('keeps no reference to the objects it was given: drained entries are new objects', () => {
    const queue = new UsageQueue();
    const entry = usageEntry({ notes: ['kept by value'] });
    queue.push(entry);
    entry.status = 500;
    const [drained] = queue.drain();
    assert.notEqual(drained, entry);
    assert.equal(drained?.status, 200);
  });
});
