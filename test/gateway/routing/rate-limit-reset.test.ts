import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exhaustedWindowReset, parseDuration, resetTimeFromHeaders } from '../../../main/gateway/routing/rate-limit-reset.js';

const now = Date.parse('2026-11-22T10:00:00Z');

describe('reset times from upstream headers', () => {
  it('Retry-After in seconds, as an HTTP date, and retry-after-ms', () => {
    assert.equal(resetTimeFromHeaders({ 'retry-after': '17' }, now), now + 17_000);
    assert.equal(resetTimeFromHeaders({ 'retry-after': 'Sun, 22 Nov 2026 10:01:00 GMT' }, now), now + 60_000);
    assert.equal(resetTimeFromHeaders({ 'retry-after-ms': '250', 'retry-after': '1' }, now), now + 250);
  });

  it("OpenAI's x-ratelimit-reset-* durations: the later window wins", () => {
    assert.equal(resetTimeFromHeaders({ 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '6m0s' }, now), now + 360_000);
    assert.equal(parseDuration('1m30s'), 90_000);
    assert.equal(parseDuration('20ms'), 20);
    assert.equal(parseDuration('2h0m0s'), 7_200_000);
    assert.equal(parseDuration('nonsense'), 0);
  });

  it("Anthropic's anthropic-ratelimit-*-reset timestamps", () => {
    assert.equal(resetTimeFromHeaders({ 'anthropic-ratelimit-tokens-reset': '2026-11-22T10:00:30Z', 'anthropic-ratelimit-requests-reset': '2026-11-22T10:00:05Z' }, now), now + 30_000);
  });

  it('no hint at all gives undefined (the rule falls back to its default)', () => {
    assert.equal(resetTimeFromHeaders({}, now), undefined);
  });

  it('a successful answer with an exhausted window announces when the account is usable again', () => {
    assert.equal(exhaustedWindowReset({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '12s' }, now), now + 12_000);
    assert.equal(exhaustedWindowReset({ 'anthropic-ratelimit-requests-remaining': '0', 'anthropic-ratelimit-requests-reset': '2026-11-22T10:05:00Z' }, now), now + 300_000);
    assert.equal(exhaustedWindowReset({ 'x-ratelimit-remaining-requests': '5', 'x-ratelimit-reset-requests': '12s' }, now), undefined);
  });
});
