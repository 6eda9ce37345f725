/** Why a request's AbortController fired. */
export type AbortReason = 'client-closed' | 'shutdown';

/**
 * The requests under way, so shutdown can let them finish and abort the stragglers.
 * Each request owns one AbortController; the client closing its connection aborts it too.
 */
export class InFlight {
  private readonly controllers = new Set<AbortController>();
  private idleWaiters: (() => void)[] = [];

  get size(): number {
    return this.controllers.size;
  }

  add(controller: AbortController): void {
    this.controllers.add(controller);
  }

  delete(controller: AbortController): void {
    if (!this.controllers.delete(controller) || this.controllers.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves when nothing is in flight, or after `timeoutMs`, whichever is first. */
  whenIdle(timeoutMs: number): Promise<void> {
    if (this.controllers.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  abortAll(reason: AbortReason): void {
    for (const controller of this.controllers) controller.abort(reason);
  }
}
