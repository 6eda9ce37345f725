import type { BudgetInput, BudgetStatusDto } from '../../shared/usage-types.js';
import type { ApiKeysRepo } from '../store/api-keys-repo.js';
import type { BudgetRecord, BudgetsRepo } from '../store/budgets-repo.js';
import { newId } from '../store/ids.js';
import type { UsageRecordsRepo } from '../store/usage-records-repo.js';
import type { AppEvents } from '../util/app-events.js';
import { budgetExceeded } from './budget-exceeded.js';
import { periodBounds } from './budget-period.js';
import type { UsageRecord } from './usage-entry.js';

export interface BudgetServiceOptions {
  budgets: BudgetsRepo;
  usage: UsageRecordsRepo;
  apiKeys: ApiKeysRepo;
  events: AppEvents;
  now?: () => number;
}

/** A budget with its current period's spending, kept in memory so `check` reads no database. */
interface LiveBudget {
  record: BudgetRecord;
  start: number;
  end: number;
  spent: number;
  /** Whether this period's warning / exceeded event was already emitted. */
  warned: boolean;
  exceededNotified: boolean;
}

const defaultWarnAt = 0.8;

/**
 * Spending limits per client API key and global. Spending comes from the daily roll-ups at start and
 * then from each flushed batch of usage records (`add`), so it lags the request path by at most one
 * flush of the usage recorder. A budget is used up when spent >= limit: the request that crosses the
 * limit completes, the next one is refused.
 */
export class BudgetService {
  readonly #options: BudgetServiceOptions;
  readonly #now: () => number;
  /** By API key id; '' holds the global budgets. */
  #byScope = new Map<string, LiveBudget[]>();

  constructor(options: BudgetServiceOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.reload();
  }

  /**
   * Called by the request pipeline before routing. Throws a 429 GatewayError (code
   * `budget_exceeded`) naming the budget when the global budget or the key's is used up. O(budgets
   * of that key), no I/O.
   */
  check(apiKeyId: string | null): void {
    const now = this.#now();
    for (const scope of apiKeyId === null ? [''] : ['', apiKeyId]) {
      for (const budget of this.#byScope.get(scope) ?? []) {
        this.#roll(budget, now);
        if (budget.spent >= budget.record.limit) throw budgetExceeded(this.#status(budget));
      }
    }
  }

  /** Adds a flushed batch's costs to the budgets of their period; emits warnings on crossing. */
  add(records: readonly UsageRecord[]): void {
    if (this.#byScope.size === 0) return;
    const now = this.#now();
    for (const record of records) {
      if (record.cost === null || record.cost === 0) continue;
      for (const scope of record.apiKeyId === null ? [''] : ['', record.apiKeyId]) {
        for (const budget of this.#byScope.get(scope) ?? []) {
          this.#roll(budget, now);
          if (record.startedAt < budget.start || record.startedAt >= budget.end) continue;
          budget.spent += record.cost;
          this.#notify(budget);
        }
      }
    }
  }

  list(): BudgetStatusDto[] {
    const now = this.#now();
    return [...this.#byScope.values()].flat().map((budget) => {
      this.#roll(budget, now);
      return this.#status(budget);
    });
  }

  /** Creates the budget for (key, period), or updates its limit and threshold. */
  set(input: BudgetInput): BudgetStatusDto {
    const keyId = input.keyId ?? null;
    const existing = this.#byScope.get(keyId ?? '')?.find((budget) => budget.record.period === input.period)?.record;
    const now = this.#now();
    const record: BudgetRecord = {
      id: existing?.id ?? newId('bud'),
      apiKeyId: keyId,
      period: input.period,
      limit: input.limit,
      warnAt: input.warnAt ?? existing?.warnAt ?? defaultWarnAt,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    this.#options.budgets.put(record);
    this.reload();
    const budget = this.#byScope.get(keyId ?? '')?.find((live) => live.record.id === record.id);
    if (!budget) throw new Error(`budget ${record.id} was stored but not loaded`);
    return this.#status(budget);
  }

  delete(id: string): boolean {
    const deleted = this.#options.budgets.delete(id);
    if (deleted) this.reload();
    return deleted;
  }

  /**
   * Reads budgets and their current spending from the database. Thresholds already crossed count as
   * notified, so a restart does not repeat a warning the user has seen.
   */
  reload(): void {
    const now = this.#now();
    const spentSince = new Map<number, Map<string | null, number>>();
    const byScope = new Map<string, LiveBudget[]>();
    for (const record of this.#options.budgets.list()) {
      const { start, end } = periodBounds(record.period, now);
      let costs = spentSince.get(start);
      if (!costs) spentSince.set(start, (costs = this.#options.usage.costSince(start)));
      const spent = record.apiKeyId === null ? [...costs.values()].reduce((sum, cost) => sum + cost, 0) : (costs.get(record.apiKeyId) ?? 0);
      const budget: LiveBudget = { record, start, end, spent, warned: false, exceededNotified: false };
      budget.warned = spent >= record.limit * record.warnAt;
      budget.exceededNotified = spent >= record.limit;
      const scope = record.apiKeyId ?? '';
      byScope.set(scope, [...(byScope.get(scope) ?? []), budget]);
    }
    this.#byScope = byScope;
  }

  #roll(budget: LiveBudget, now: number): void {
    if (now < budget.end && now >= budget.start) return;
    const { start, end } = periodBounds(budget.record.period, now);
    Object.assign(budget, { start, end, spent: 0, warned: false, exceededNotified: false });
  }

  #notify(budget: LiveBudget): void {
    const { record } = budget;
    const exceeded = budget.spent >= record.limit;
    if (exceeded ? budget.exceededNotified : budget.warned || budget.spent < record.limit * record.warnAt) return;
    budget.warned = true;
    if (exceeded) budget.exceededNotified = true;
    this.#options.events.emit('budget-warning', { budgetId: record.id, keyId: record.apiKeyId, period: record.period, spent: budget.spent, limit: record.limit, exceeded });
  }

  #status(budget: LiveBudget): BudgetStatusDto {
    const { record, spent } = budget;
    const state = spent >= record.limit ? 'exceeded' : spent >= record.limit * record.warnAt ? 'warning' : 'ok';
    return {
      id: record.id,
      keyId: record.apiKeyId,
      keyName: record.apiKeyId === null ? null : (this.#options.apiKeys.get(record.apiKeyId)?.name ?? null),
      period: record.period,
      limit: record.limit,
      warnAt: record.warnAt,
      spent,
      remaining: Math.max(0, record.limit - spent),
      state,
      periodStart: new Date(budget.start).toISOString(),
      resetsAt: new Date(budget.end).toISOString(),
    };
  }
}
