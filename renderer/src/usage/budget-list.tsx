import type { BudgetStatusDto } from '../../../shared/usage-types.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { DataTable } from '../components/data-table.js';
import { formatCost, formatDateTime } from './format.js';

interface BudgetListProps {
  budgets: BudgetStatusDto[];
  onDelete: (budget: BudgetStatusDto) => void;
}

const stateBadge = { ok: 'badge badge-ok', warning: 'badge badge-warn', exceeded: 'badge badge-off' } as const;

/** The scope of a budget in words: every request, or one key's. */
export function budgetScope(budget: BudgetStatusDto): string {
  if (budget.keyId === null) return 'All requests';
  return budget.keyName === null ? `Deleted key ${budget.keyId}` : `Key ${budget.keyName}`;
}

/** Budgets with what the current period has spent of them. */
export function BudgetList({ budgets, onDelete }: BudgetListProps) {
  if (budgets.length === 0) return <p className="empty">No budgets. Requests are not limited by cost.</p>;
  return (
    <DataTable columns={['Scope', 'Period', 'Spent', 'State', 'Resets']} actions>
      {budgets.map((budget) => (
        <tr key={budget.id} data-budget={`${budget.keyId ?? 'global'}/${budget.period}`}>
          <th scope="row">{budgetScope(budget)}</th>
          <td>{budget.period}</td>
          <td>
            <span data-cell="spent">
              {formatCost(budget.spent)} of {formatCost(budget.limit)}
            </span>
            <meter className="budget-meter" min={0} max={budget.limit} low={budget.limit * budget.warnAt} high={budget.limit * budget.warnAt} optimum={0} value={Math.min(budget.spent, budget.limit)} aria-label="Share of the budget spent" />
          </td>
          <td>
            <span className={stateBadge[budget.state]}>{budget.state}</span>
          </td>
          <td className="nowrap">{formatDateTime(budget.resetsAt)}</td>
          <td className="cell-actions">
            <ConfirmButton label="Delete" question={`Delete the ${budget.period} budget of ${budgetScope(budget).toLowerCase()}?`} confirmLabel="Yes, delete" onConfirm={() => onDelete(budget)} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
