import { ApiKeysRepo } from './api-keys-repo.js';
import { CombosRepo } from './combos-repo.js';
import type { Database } from './database.js';
import { openDatabase } from './db.js';
import { ModelAliasesRepo } from './model-aliases-repo.js';
import { ProviderAccountsRepo } from './provider-accounts-repo.js';
import { ProvidersRepo } from './providers-repo.js';
import { ResponseCacheRepo } from './response-cache-repo.js';
import { ResponsesRepo } from './responses-repo.js';
import { VideosRepo } from './videos-repo.js';
import { AuditLogRepo } from './audit-log-repo.js';
import { RoutingPoliciesRepo } from './routing-policies-repo.js';
import { SettingsRepo } from './settings-repo.js';
import { BudgetsRepo } from './budgets-repo.js';
import { PricingOverridesRepo } from './pricing-overrides-repo.js';
import { RequestLogsRepo } from './request-logs-repo.js';
import { UsageQueries } from './usage-queries.js';
import { UsageRecordsRepo } from './usage-records-repo.js';

export type { Database } from './database.js';
export type { ApiKeyUse } from './api-keys-repo.js';
export type * from './types.js';
export type * from './routing-types.js';
export { CombosRepo, ModelAliasesRepo, RoutingPoliciesRepo };
export { ApiKeysRepo, ProviderAccountsRepo, ProvidersRepo, ResponsesRepo, SettingsRepo };
export type { ResponseRecord } from './responses-repo.js';
export type { VideoRecord } from './videos-repo.js';
export type { AuditActor, AuditEntry } from './audit-log-repo.js';
export type { BudgetPeriod, BudgetRecord } from './budgets-repo.js';
export type { RequestLogRecord } from './request-logs-repo.js';
export type { UsageCursor, UsageFilter } from './usage-queries.js';
export { ResponseCacheRepo } from './response-cache-repo.js';
export type { CachedAnswerRecord } from './response-cache-repo.js';
export { DATABASE_FILE_NAME, openDatabase } from './db.js';
export { DatabaseTooNewError, MigrationError } from './migration-errors.js';
export { newId } from './ids.js';

/** The database and one repo per table, opened together and closed together. */
export interface Store {
  readonly db: Database;
  readonly providers: ProvidersRepo;
  readonly accounts: ProviderAccountsRepo;
  readonly apiKeys: ApiKeysRepo;
  readonly settings: SettingsRepo;
  readonly responses: ResponsesRepo;
  readonly combos: CombosRepo;
  readonly modelAliases: ModelAliasesRepo;
  readonly routingPolicies: RoutingPoliciesRepo;
  /** Usage detail and roll-ups (written by the usage recorder), and the queries over them. */
  readonly usage: UsageRecordsRepo;
  readonly usageQueries: UsageQueries;
  readonly pricingOverrides: PricingOverridesRepo;
  readonly budgets: BudgetsRepo;
  readonly requestLogs: RequestLogsRepo;
  readonly responseCache: ResponseCacheRepo;
  readonly videos: VideosRepo;
  readonly auditLog: AuditLogRepo;
  /** Safe to call more than once. */
  close(): void;
}

export interface OpenStoreOptions {
  dataDir: string;
  /** Clock for the timestamps the repos set themselves (`updatedAt`); tests pin it. */
  now?: () => number;
}

export function openStore({ dataDir, now = Date.now }: OpenStoreOptions): Store {
  const db = openDatabase({ dataDir });
  const responses = new ResponsesRepo(db);
  return {
    db,
    providers: new ProvidersRepo(db, now),
    accounts: new ProviderAccountsRepo(db),
    apiKeys: new ApiKeysRepo(db),
    settings: new SettingsRepo(db, now),
    responses,
    combos: new CombosRepo(db, now),
    modelAliases: new ModelAliasesRepo(db),
    routingPolicies: new RoutingPoliciesRepo(db, now),
    usage: new UsageRecordsRepo(db),
    usageQueries: new UsageQueries(db),
    pricingOverrides: new PricingOverridesRepo(db, now),
    budgets: new BudgetsRepo(db),
    requestLogs: new RequestLogsRepo(db),
    responseCache: new ResponseCacheRepo(db),
    videos: new VideosRepo(db),
    auditLog: new AuditLogRepo(db),
    close() {
      if (!db.open) return;
      try {
        responses.flush();
        // Recommended by SQLite before closing a long-lived connection: refreshes planner statistics.
        db.pragma('optimize');
      } finally {
        db.close();
      }
    },
  };
}
