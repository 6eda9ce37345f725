import { useCallback } from 'react';
import type { BudgetStatusDto } from '../../../shared/usage-types.js';
import { errorMessage } from '../api/client.js';
import { apiKeys, budgets } from '../api/endpoints.js';
import { useApiList } from '../api/use-api-list.js';
import { ErrorMessage } from '../components/error-message.js';
import { BudgetForm } from './budget-form.js';
import { BudgetList } from './budget-list.js';

/** Budgets: spending limits per period, global or per API key, with the current period's spending. */
export function BudgetSection() {
  const list = useApiList(budgets.list);
  const keys = useApiList(useCallback(() => apiKeys.list(), []));

  const remove = async (budget: BudgetStatusDto): Promise<void> => {
    try {
      await budgets.remove(budget.id);
      await list.reload();
    } catch (failure) {
      list.setError(errorMessage(failure));
    }
  };

  return (
    <section aria-labelledby="budgets-title">
      <h2 id="budgets-title">Budgets</h2>
      <p className="lead">A request is refused (HTTP 429, code budget_exceeded) once its key’s or the global budget for the period is spent. Requests already under way may overshoot it slightly.</p>
      <ErrorMessage message={list.error ?? keys.error} />
      {list.items === undefined && !list.error ? <p className="loading">Loading budgets…</p> : null}
      {list.items ? <BudgetList budgets={list.items} onDelete={(budget) => void remove(budget)} /> : null}
      <BudgetForm keys={keys.items ?? []} onSaved={() => void list.reload()} />
    </section>
  );
}
