import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRouter, type TestRouter } from './start-router.js';

/**
 * Persistence check: `setup` configures a router, which is then closed and started again on the
 * same data directory and secret store; `check` runs against the second one. Cleans up after both.
 */
export async function acrossRestart<T>(setup: (router: TestRouter) => Promise<T>, check: (router: TestRouter, fromSetup: T) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'omniroute-restart-'));
  try {
    const first = await startRouter({ dataDir });
    let fromSetup: T;
    try {
      fromSetup = await setup(first);
    } finally {
      await first.close();
    }
    const second = await startRouter({ dataDir, secrets: first.secrets });
    try {
      await check(second, fromSetup);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
