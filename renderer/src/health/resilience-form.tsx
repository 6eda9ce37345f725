import { useState, type FormEvent } from 'react';
import { accountStrategies, type AccountStrategy, type ResilienceSettings } from '../../../shared/resilience.js';
import { routingState } from '../api/endpoints.js';
import { ErrorMessage } from '../components/error-message.js';
import { errorsOfFailure, type FieldErrors } from '../components/field-errors.js';
import { describedBy, Field } from '../components/field.js';
import { describeDuration } from '../settings/settings-fields.js';
import { parseResilienceDraft, resilienceNumberFields, toResilienceDraft, type ResilienceDraft } from './resilience-draft.js';

interface ResilienceFormProps {
  settings: ResilienceSettings;
  onSaved: (settings: ResilienceSettings) => void;
}

const fieldId = (path: string): string => `resilience-${path.replace('.', '-')}`;

/** Fallback, breaker and sticky-session settings, saved with `PATCH /api/resilience`. */
export function ResilienceForm({ settings, onSaved }: ResilienceFormProps) {
  const [draft, setDraft] = useState<ResilienceDraft>(() => toResilienceDraft(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);

  const change = (next: Partial<ResilienceDraft>): void => {
    setDraft({ ...draft, ...next });
    setStatus(undefined);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = parseResilienceDraft(draft);
    if ('errors' in parsed) return setErrors(parsed.errors);
    setErrors({});
    setBusy(true);
    try {
      const saved = await routingState.updateResilience(parsed.patch);
      setDraft(toResilienceDraft(saved.settings));
      setStatus('Resilience settings saved.');
      onSaved(saved.settings);
    } catch (failure) {
      setErrors(errorsOfFailure(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} aria-labelledby="resilience-title" noValidate>
      <h2 id="resilience-title">Fallback settings</h2>
      <div className="form-grid">
        {resilienceNumberFields.map((field) => {
          const id = fieldId(field.path);
          const error = errors[field.path];
          const readable = field.path.endsWith('Ms') ? describeDuration(Number(draft[field.path])) : undefined;
          return (
            <Field key={field.path} id={id} label={field.label} hint={readable && readable !== `${draft[field.path]} ms` ? `${field.hint} (${readable})` : field.hint} error={error}>
              <input id={id} className="input-number" inputMode="numeric" value={draft[field.path]} onChange={(event) => change({ [field.path]: event.target.value })} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, { hint: true, error })} />
            </Field>
          );
        })}
        <Field id="resilience-accountStrategy" label="Account strategy" hint="How a provider with several accounts picks one.">
          <select id="resilience-accountStrategy" value={draft.accountStrategy} onChange={(event) => change({ accountStrategy: event.target.value as AccountStrategy })} aria-describedby="resilience-accountStrategy-hint">
            {accountStrategies.map((strategy) => (
              <option key={strategy} value={strategy}>
                {strategy}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ErrorMessage message={errors[''] ?? errors.accountStrategy} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save fallback settings'}
        </button>
        <p role="status" className="save-status">
          {status}
        </p>
      </div>
    </form>
  );
}
