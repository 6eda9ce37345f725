import { useState, type FormEvent } from 'react';
import type { ApiKeyDto } from '../../../shared/api-types.js';
import { budgetInputSchema, type BudgetInput } from '../../../shared/usage-types.js';
import { budgets } from '../api/endpoints.js';
import { ErrorMessage } from '../components/error-message.js';
import { describedBy, Field } from '../components/field.js';
import { errorsOfFailure, fieldErrors, numberOf, type FieldErrors } from '../components/field-errors.js';

interface BudgetFormProps {
  keys: ApiKeyDto[];
  onSaved: () => void;
}

type Draft = { keyId: string; period: BudgetInput['period']; limit: string; warnAt: string };
const empty: Draft = { keyId: '', period: 'monthly', limit: '', warnAt: '80' };

/** Sets the budget of a key, or the global one, for a period (an existing one of the same scope is replaced). */
export function BudgetForm({ keys, onSaved }: BudgetFormProps) {
  const [draft, setDraft] = useState<Draft>(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const candidate = {
      keyId: draft.keyId === '' ? null : draft.keyId,
      period: draft.period,
      limit: numberOf(draft.limit),
      ...(draft.warnAt.trim() === '' ? {} : { warnAt: numberOf(draft.warnAt) / 100 }),
    };
    // The server's own schema, so a mistake shows at its field before anything is sent.
    const parsed = budgetInputSchema.safeParse(candidate);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setErrors({});
    setBusy(true);
    try {
      await budgets.save(parsed.data);
      setDraft(empty);
      onSaved();
    } catch (failure) {
      setErrors(errorsOfFailure(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} aria-labelledby="budget-form-title" noValidate>
      <h3 id="budget-form-title">Set a budget</h3>
      <div className="form-grid">
        <Field id="budget-scope" label="Applies to">
          <select id="budget-scope" value={draft.keyId} onChange={(event) => setDraft({ ...draft, keyId: event.target.value })}>
            <option value="">All requests</option>
            {keys.map((key) => (
              <option key={key.id} value={key.id}>
                Key {key.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="budget-period" label="Period" hint="UTC days, ISO weeks from Monday, calendar months.">
          <select id="budget-period" value={draft.period} onChange={(event) => setDraft({ ...draft, period: event.target.value as Draft['period'] })} aria-describedby="budget-period-hint">
            <option value="daily">Daily</option>
            <option value="weekly">Weekly</option>
            <option value="monthly">Monthly</option>
          </select>
        </Field>
        <Field id="budget-limit" label="Limit (USD)" error={errors.limit}>
          <input id="budget-limit" className="input-number" inputMode="decimal" value={draft.limit} onChange={(event) => setDraft({ ...draft, limit: event.target.value })} aria-invalid={errors.limit ? true : undefined} aria-describedby={describedBy('budget-limit', { error: errors.limit })} />
        </Field>
        <Field id="budget-warn" label="Warn at (% of the limit)" error={errors.warnAt}>
          <input id="budget-warn" className="input-number" inputMode="decimal" value={draft.warnAt} onChange={(event) => setDraft({ ...draft, warnAt: event.target.value })} aria-invalid={errors.warnAt ? true : undefined} aria-describedby={describedBy('budget-warn', { error: errors.warnAt })} />
        </Field>
      </div>
      <ErrorMessage message={errors[''] ?? errors.keyId ?? errors.period} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save budget'}
        </button>
      </div>
    </form>
  );
}
