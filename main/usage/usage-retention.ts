import type { SettingsService } from '../gateway/settings-service.js';
import type { Store } from '../store/index.js';
import type { Logger } from '../util/logger.js';

export interface UsageRetentionOptions {
  store: Pick<Store, 'db' | 'usage' | 'requestLogs'>;
  settings: SettingsService;
  logger: Logger;
  now?: () => number;
  intervalMs?: number;
}

const dayMs = 86_400_000;

/**
 * Deletes usage detail and request logs older than `usageRetentionDays`; the hourly and daily
 * roll-ups are kept, so charts and budgets still see the past. Runs at start and then hourly.
 */
export class UsageRetention {
  readonly #options: UsageRetentionOptions;
  readonly #timer: NodeJS.Timeout;

  constructor(options: UsageRetentionOptions) {
    this.#options = options;
    this.#timer = setInterval(() => this.run(), options.intervalMs ?? 3_600_000);
    this.#timer.unref();
  }

  /** Prunes now; returns how many rows went. */
  run(): { usageRecords: number; requestLogs: number } {
    const { store, settings, logger } = this.#options;
    if (!store.db.open) {
      // The app closed the store; the timer has nothing left to prune.
      this.stop();
      return { usageRecords: 0, requestLogs: 0 };
    }
    const cutoff = (this.#options.now ?? Date.now)() - settings.current.usageRetentionDays * dayMs;
    try {
      const result = { usageRecords: store.usage.prune(cutoff), requestLogs: store.requestLogs.prune(cutoff) };
      if (result.usageRecords + result.requestLogs > 0) logger.info('usage retention pruned old detail', result);
      return result;
    } catch (error) {
      logger.warn('usage retention failed; retrying in an hour', { error: String(error) });
      return { usageRecords: 0, requestLogs: 0 };
    }
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
