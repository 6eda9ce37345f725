import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../main/errors/gateway-error.js';
import { IdempotencyRegistry } from '../../main/cache/idempotency-registry.js';
import type { StoredAnswer } from '../../main/cache/stored-answer.js';

const ok: StoredAnswer = { status: 200, headers: {}, body: Buffer.from('{}') };
const failed: StoredAnswer = { status: 429, headers: {}, body: Buffer.from('{"error":{}}') };

describe('IdempotencyRegistry', () => {
  it('gives duplicates in flight the first answer, keeps a success for the window, then forgets it', async () => {
    let now = 0;
    const registry = new IdempotencyRegistry(() => now);
    const first = registry.claim('k', 'f1', 5000);
    assert.equal(first.kind, 'leader');
    const waiting = registry.claim('k', 'f1', 5000);
    assert.equal(waiting.kind, 'duplicate');
    if (first.kind === 'leader') first.finish(ok);
    assert.equal(waiting.kind === 'duplicate' && (await waiting.answer), ok);
    now = 4999;
    const late = registry.claim('k', 'f1', 5000);
    assert.equal(late.kind === 'duplicate' && (await late.answer), ok);
    assert.equal(registry.activeKeys, 1);
    now = 5000;
    assert.equal(registry.activeKeys, 0);
    assert.equal(registry.claim('k', 'f1', 5000).kind, 'leader');
  });

  it('refuses the same key for a different request with a 409', () => {
    const registry = new IdempotencyRegistry(() => 0);
    registry.claim('k', 'f1', 5000);
    assert.throws(
      () => registry.claim('k', 'f2', 5000),
      (error: unknown) => error instanceof GatewayError && error.status === 409 && error.code === 'conflict',
    );
    assert.equal(registry.claim('other', 'f2', 5000).kind, 'leader', 'keys are independent');
  });

  it('shares a failure with duplicates in flight but keeps nothing after it, so a retry runs', async () => {
    const registry = new IdempotencyRegistry(() => 0);
    const first = registry.claim('k', 'f1', 5000);
    const waiting = registry.claim('k', 'f1', 5000);
    if (first.kind === 'leader') first.finish(failed);
    assert.equal(waiting.kind === 'duplicate' && (await waiting.answer), failed);
    assert.equal(registry.claim('k', 'f1', 5000).kind, 'leader');
  });

  it('tells duplicates when the first request never completed (undefined), and frees the key', async () => {
    const registry = new IdempotencyRegistry(() => 0);
    const first = registry.claim('k', 'f1', 5000);
    const waiting = registry.claim('k', 'f1', 5000);
    if (first.kind === 'leader') first.finish(undefined);
    assert.equal(waiting.kind === 'duplicate' && (await waiting.answer), undefined);
    assert.equal(registry.claim('k', 'f1', 5000).kind, 'leader');
  });
});
