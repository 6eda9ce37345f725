import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Cancellation } from '../../main/util/cancellation.js';

describe('Cancellation', () => {
  it('runs listeners once, in order, with the first reason winning', () => {
    const cancellation = new Cancellation();
    const calls: string[] = [];
    cancellation.onCancel(() => calls.push('a'));
    cancellation.onCancel(() => calls.push('b'));
    assert.equal(cancellation.cancelled, false);
    cancellation.cancel('shutdown');
    cancellation.cancel('client-closed');
    assert.deepEqual(calls, ['a', 'b']);
    assert.equal(cancellation.reason, 'shutdown');
    assert.equal(cancellation.cancelled, true);
  });

  it('a removed listener does not run', () => {
    const cancellation = new Cancellation();
    let ran = false;
    const remove = cancellation.onCancel(() => (ran = true));
    remove();
    cancellation.cancel('client-closed');
    assert.equal(ran, false);
  });

  it('a listener added after cancellation runs at once', () => {
    const cancellation = new Cancellation();
    cancellation.cancel('client-closed');
    let ran = false;
    cancellation.onCancel(() => (ran = true));
    assert.equal(ran, true);
  });

  it('times out by itself', async () => {
    const cancellation = Cancellation.timeout(20);
    // The deadline's own timer does not hold the process open; this test has to.
    const holdOpen = setTimeout(() => undefined, 5000);
    await new Promise((resolve) => cancellation.onCancel(() => resolve(undefined)));
    clearTimeout(holdOpen);
    assert.equal(cancellation.reason, 'timeout');
  });

  it('bridges to an AbortSignal', () => {
    const cancellation = new Cancellation();
    const signal = cancellation.toSignal();
    cancellation.cancel('shutdown');
    assert.equal(signal.aborted, true);
    assert.equal(signal.reason, 'shutdown');
  });
});
