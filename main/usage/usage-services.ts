import type { SettingsService } from '../gateway/settings-service.js';
import type { Store } from '../store/index.js';
import type { AppEvents } from '../util/app-events.js';
import type { Logger } from '../util/logger.js';
import { BudgetService } from './budget-service.js';
import { PricingTable } from './pricing/pricing-table.js';
import { RequestLogSink } from './request-log-sink.js';
import { UsageRecorder } from './usage-recorder.js';
import { UsageRetention } from './usage-retention.js';

export interface UsageServicesOptions {
  store: Store;
  settings: SettingsService;
  events: AppEvents;
  logger: Logger;
  /** Clock for budget periods and retention; tests pin it. */
  now?: () => number;
  flushIntervalMs?: number;
}

/** Usage accounting as the composition root wires it: recorder, prices, budgets, request logs, retention. */
export interface UsageServices {
  usage: UsageRecorder;
  pricing: PricingTable;
  budgets: BudgetService;
  requestLogs: RequestLogSink;
  retention: UsageRetention;
  /** Writes everything queued and stops the timers; before the store closes. */
  close(): void;
}

export function createUsageServices(options: UsageServicesOptions): UsageServices {
  const { store, settings, events, logger, now } = options;
  const clock = now ? { now } : {};
  const pricing = new PricingTable(store.pricingOverrides);
  const retention = new UsageRetention({ store, settings, logger, ...clock });
  retention.run();
  const budgets = new BudgetService({ budgets: store.budgets, usage: store.usage, apiKeys: store.apiKeys, events, ...clock });
  const usage = new UsageRecorder({ usage: store.usage, pricing, budgets, logger, ...(options.flushIntervalMs === undefined ? {} : { flushIntervalMs: options.flushIntervalMs }) });
  const requestLogs = new RequestLogSink({ repo: store.requestLogs, settings, logger, ...clock });
  return {
    usage,
    pricing,
    budgets,
    requestLogs,
    retention,
    close() {
      retention.stop();
      usage.close();
      requestLogs.close();
    },
  };
}
