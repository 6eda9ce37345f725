import type { BudgetPeriod } from '../store/budgets-repo.js';

/** A budget period: [start, end) in ms epoch. */
export interface PeriodBounds {
  start: number;
  end: number;
}

/**
 * The UTC calendar period containing `at`: the day, the ISO week (Monday to Monday) or the month.
 * UTC, because the daily roll-ups budgets are loaded from are UTC days: every period is a whole
 * number of them.
 */
export function periodBounds(period: BudgetPeriod, at: number): PeriodBounds {
  const date = new Date(at);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  switch (period) {
    case 'daily':
      return { start: Date.UTC(year, month, day), end: Date.UTC(year, month, day + 1) };
    case 'weekly': {
      const sinceMonday = (date.getUTCDay() + 6) % 7;
      return { start: Date.UTC(year, month, day - sinceMonday), end: Date.UTC(year, month, day - sinceMonday + 7) };
    }
    case 'monthly':
      return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
  }
}
