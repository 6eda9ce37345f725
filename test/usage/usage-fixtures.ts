import { randomUUID } from 'node:crypto';
import { SettingsService } from '../../main/gateway/settings-service.js';
import { openStore, type Store } from '../../main/store/index.js';
import type { UsageEntry } from '../../main/usage/usage-entry.js';
import { createUsageServices, type UsageServices } from '../../main/usage/usage-services.js';
import { AppEvents } from '../../main/util/app-events.js';
import { createLogger } from '../../main/util/logger.js';
import { createTempDir, removeTempDir } from '../store/fixtures.js';

/** A successful, fully reported request; tests override what they look at. */
export function usageEntry(overrides: Partial<UsageEntry> = {}): UsageEntry {
  return {
    requestId: `req_${randomUUID()}`,
    startedAt: Date.UTC(2026, 10, 20, 12, 0, 0),
    clientFormat: 'openai-chat',
    apiKeyId: null,
    provider: 'sim',
    accountId: 'acc_sim',
    requestedModel: 'sim/gpt-4o',
    model: 'sim/gpt-4o',
    status: 200,
    errorCode: null,
    stream: false,
    inputTokens: 1000,
    outputTokens: 100,
    cachedInputTokens: 0,
    cacheWriteInputTokens: 0,
    reasoningTokens: 0,
    latencyMs: 120,
    ttftMs: 80,
    cacheHit: false,
    fallback: false,
    attempts: 1,
    ...overrides,
  };
}

/** A settable clock for budget periods and retention. */
export class TestClock {
  constructor(public at: number) {}
  readonly now = (): number => this.at;
}

export interface UsageHarness {
  dataDir: string;
  store: Store;
  settings: SettingsService;
  events: AppEvents;
  services: UsageServices;
  clock: TestClock;
  /** Closes services and store, and (unless `keepDataDir`) removes the directory. */
  close(options?: { keepDataDir?: boolean }): void;
}

/** Usage services over a real SQLite store in a temp directory, with a pinned clock. */
export function openUsageHarness(options: { dataDir?: string; at?: number } = {}): UsageHarness {
  const dataDir = options.dataDir ?? createTempDir();
  const store = openStore({ dataDir });
  const logger = createLogger({ level: 'error' });
  const settings = new SettingsService(store.settings, logger);
  const events = new AppEvents();
  const clock = new TestClock(options.at ?? Date.UTC(2026, 10, 20, 12, 0, 0));
  const services = createUsageServices({ store, settings, events, logger, now: clock.now, flushIntervalMs: 60_000 });
  return {
    dataDir,
    store,
    settings,
    events,
    services,
    clock,
    close({ keepDataDir = false } = {}) {
      services.close();
      store.close();
      if (!keepDataDir) removeTempDir(dataDir);
    },
  };
}

/** Counts rows of a table (tests only; the name is a literal in the caller). */
export function countRows(store: Store, table: string): number {
  return store.db.prepare<[], number>(`SELECT COUNT(*) FROM ${table}`).pluck().get() ?? 0;
}
