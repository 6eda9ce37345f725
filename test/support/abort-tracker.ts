/**
 * Counts the requests clients aborted, for a simulator's `waitForAborted`: every waiter resolves
 * once the count reaches its target, rejects on its timeout or when the simulator closes.
 */
export class AbortTracker {
  count = 0;
  private waiters: { count: number; resolve: () => void; reject: (error: Error) => void; timer: NodeJS.Timeout }[] = [];

  /** One more request was aborted by its client. */
  note(recorded?: { aborted: boolean }): void {
    if (recorded) recorded.aborted = true;
    this.count += 1;
    this.waiters = this.waiters.filter((waiter) => {
      if (this.count < waiter.count) return true;
      clearTimeout(waiter.timer);
      waiter.resolve();
      return false;
    });
  }

  waitFor(count = 1, timeoutMs = 5000): Promise<void> {
    if (this.count >= count) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        count,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((other) => other !== waiter);
          reject(new Error(`expected ${count} aborted request(s) within ${timeoutMs} ms, saw ${this.count}`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  reset(): void {
    this.count = 0;
  }

  /** The simulator is closing: nobody waits forever. */
  rejectAll(): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`simulator closed while waiting for ${waiter.count} aborted request(s), saw ${this.count}`));
    }
    this.waiters = [];
  }
}
