import type { BackupsListDto, RestoreOutcomeDto } from '../../../shared/backups-types.js';
import { dbBackups } from '../api/endpoints.js';

/** How often the page asks whether the router is back, and how long it waits before giving up. */
export const restartPolling = { everyMs: 500, giveUpAfterMs: 120_000 };

function sameOutcome(a: RestoreOutcomeDto | null, b: RestoreOutcomeDto | null): boolean {
  return a === b || (a !== null && b !== null && a.id === b.id && a.at === b.at && a.status === b.status);
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * After a restore was accepted: the router answers, closes, applies the restore and starts again
 * on the same port. Asks for the backups until an answer carries a restore outcome other than
 * `before` (the old router may still answer the first asks; while it is down, asks fail and are
 * asked again). Resolves to that answer, or undefined when `cancelled()` (the page was left).
 */
export async function waitForRestart(before: RestoreOutcomeDto | null, cancelled: () => boolean): Promise<BackupsListDto | undefined> {
  const giveUpAt = Date.now() + restartPolling.giveUpAfterMs;
  while (Date.now() < giveUpAt) {
    await pause(restartPolling.everyMs);
    if (cancelled()) return undefined;
    try {
      const list = await dbBackups.list();
      if (!sameOutcome(list.lastRestore, before)) return list;
    } catch {
      // Down while it restarts: ask again.
    }
  }
  throw new Error(`The router has not come back within ${restartPolling.giveUpAfterMs / 1000} seconds. Check its log, start it again if it stopped, then reload this page.`);
}
