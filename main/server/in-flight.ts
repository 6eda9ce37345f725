import type { Cancellation, CancelReason } from '../util/cancellation.js';

/**
 * The requests under way, so shutdown can let them finish and abort the stragglers.
 * Each request owns one Cancellation; the client closing its connection cancels it too.
 */
export class InFlight {
  private readonly requests = new Set<Cancellation>();
  private idleWaiters: (() => void)[] = [];

  get size(): number {
    return this.requests.size;
  }

  add(request: Cancellation): void {
    this.requests.add(request);
  }

  delete(request: Cancellation): void {
    if (!this.requests.delete(request) || this.requests.size > 0 || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves when nothing is in flight, or after `timeoutMs`, whichever is first. */
  whenIdle(timeoutMs: number): Promise<void> {
    if (this.requests.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  cancelAll(reason: CancelReason): void {
    for (const request of this.requests) request.cancel(reason);
  }
}
