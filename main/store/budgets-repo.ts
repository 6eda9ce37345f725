import type { Database } from './database.js';

/** How long a budget's spending accumulates before it starts again from zero (UTC calendar). */
export type BudgetPeriod = 'daily' | 'weekly' | 'monthly';

/** A spending limit for one client API key, or for all requests (`apiKeyId` null). */
export interface BudgetRecord {
  id: string;
  apiKeyId: string | null;
  period: BudgetPeriod;
  /** USD. */
  limit: number;
  /** Fraction of `limit` at which a warning is raised. */
  warnAt: number;
  createdAt: number;
  updatedAt: number;
}

interface BudgetRow {
  id: string;
  api_key_id: string | null;
  period: BudgetPeriod;
  limit_usd: number;
  warn_at: number;
  created_at: number;
  updated_at: number;
}

/** The `budgets` table: at most one budget per key (or global) and period. */
export class BudgetsRepo {
  readonly #list;
  readonly #upsert;
  readonly #delete;

  constructor(database: Database) {
    this.#list = database.prepare<[], BudgetRow>('SELECT * FROM budgets ORDER BY created_at, rowid');
    this.#upsert = database.prepare<BudgetRow>(
      `INSERT INTO budgets (id, api_key_id, period, limit_usd, warn_at, created_at, updated_at)
       VALUES (@id, @api_key_id, @period, @limit_usd, @warn_at, @created_at, @updated_at)
       ON CONFLICT (id) DO UPDATE SET limit_usd = excluded.limit_usd, warn_at = excluded.warn_at, updated_at = excluded.updated_at`,
    );
    this.#delete = database.prepare<[string]>('DELETE FROM budgets WHERE id = ?');
  }

  list(): BudgetRecord[] {
    return this.#list.all().map((row) => ({
      id: row.id,
      apiKeyId: row.api_key_id,
      period: row.period,
      limit: row.limit_usd,
      warnAt: row.warn_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }

  /** Inserts, or updates the limit and threshold of the budget with the same id. */
  put(budget: BudgetRecord): void {
    this.#upsert.run({
      id: budget.id,
      api_key_id: budget.apiKeyId,
      period: budget.period,
      limit_usd: budget.limit,
      warn_at: budget.warnAt,
      created_at: budget.createdAt,
      updated_at: budget.updatedAt,
    });
  }

  delete(id: string): boolean {
    return this.#delete.run(id).changes > 0;
  }
}
