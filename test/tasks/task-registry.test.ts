import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../../main/errors/gateway-error.js';
import { TaskRegistry } from '../../main/tasks/task-registry.js';

/** Resolves once the registry has seen the run settle (its handlers run on the next microtasks). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('TaskRegistry', () => {
  it('records a result or a failure, and shows a task only to its owner', async () => {
    const tasks = new TaskRegistry<string>({ prefix: 'job', retainMs: 1000, maxTasks: 10 });
    const done = tasks.start({ owner: 'key:1', model: 'p/m', run: () => Promise.resolve('result') });
    const failed = tasks.start({ owner: 'key:1', model: 'p/m', run: () => Promise.reject(new GatewayError({ code: 'upstream_error', status: 502, message: 'boom' })) });
    assert.equal(done.status, 'in_progress');
    assert.match(done.id, /^job_[0-9a-f]{32}$/);
    await settle();
    assert.deepEqual([tasks.get(done.id, 'key:1')?.status, tasks.get(done.id, 'key:1')?.result], ['completed', 'result']);
    assert.deepEqual([tasks.get(failed.id, 'key:1')?.status, tasks.get(failed.id, 'key:1')?.error?.status], ['failed', 502]);
    assert.equal(tasks.get(done.id, 'key:2'), undefined);
  });

  it('cancels a running task for its owner only: its run sees the cancellation and ends the task', async () => {
    const tasks = new TaskRegistry<string>({ prefix: 'job', retainMs: 1000, maxTasks: 10 });
    const running = tasks.start({
      owner: 'o',
      model: 'm',
      run: (cancellation) => new Promise<string>((_, reject) => cancellation.onCancel(() => reject(new GatewayError({ code: 'cancelled', status: 499, message: `stopped: ${cancellation.reason}` })))),
    });
    assert.equal(tasks.cancel(running.id, 'someone-else'), undefined);
    assert.equal(tasks.cancel('job_missing', 'o'), undefined);
    assert.equal(tasks.cancel(running.id, 'o'), true);
    await settle();
    assert.deepEqual([running.status, running.error?.code, running.error?.message], ['failed', 'cancelled', 'stopped: cancelled']);
    assert.equal(tasks.cancel(running.id, 'o'), false, 'a finished task cannot be cancelled');
  });

  it('forgets a finished task after retainMs, never a running one', async () => {
    let now = 0;
    const tasks = new TaskRegistry<string>({ prefix: 'job', retainMs: 1000, maxTasks: 10, now: () => now });
    const finished = tasks.start({ owner: 'o', model: 'm', run: () => Promise.resolve('x') });
    const running = tasks.start({ owner: 'o', model: 'm', run: () => new Promise<string>(() => undefined) });
    await settle();
    now = 1000;
    assert.ok(tasks.get(finished.id, 'o'));
    now = 1001;
    assert.equal(tasks.get(finished.id, 'o'), undefined);
    assert.equal(tasks.get(running.id, 'o')?.status, 'in_progress');
  });

  it('past maxTasks, the oldest finished tasks make room', async () => {
    const tasks = new TaskRegistry<number>({ prefix: 'job', retainMs: 60_000, maxTasks: 2 });
    const running = tasks.start({ owner: 'o', model: 'm', run: () => new Promise<number>(() => undefined) });
    const first = tasks.start({ owner: 'o', model: 'm', run: () => Promise.resolve(1) });
    await settle();
    const second = tasks.start({ owner: 'o', model: 'm', run: () => Promise.resolve(2) });
    await settle();
    assert.equal(tasks.get(first.id, 'o'), undefined);
    assert.equal(tasks.get(running.id, 'o')?.status, 'in_progress');
    assert.equal(tasks.get(second.id, 'o')?.result, 2);
  });
});
