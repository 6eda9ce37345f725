/**
 * The stdout line by which a bench child process says it is ready and where it listens. A single
 * JSON payload keeps the parent's parsing trivial and the children free of any shared state.
 */
export const readyPrefix = 'BENCH_READY ';

export const readyPattern = /^BENCH_READY (.*)$/;

export function printReady(details: object): void {
  process.stdout.write(`${readyPrefix}${JSON.stringify(details)}\n`);
}

/** Closes the server and exits on SIGTERM/SIGINT, so the parent can stop a child by its pid. */
export function exitOnSignal(close: () => Promise<void>): void {
  const shutdown = (): void => {
    void close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
