import { useState, type FormEvent } from 'react';
import { comboStrategies, type ComboDto, type ComboStrategy } from '../../../shared/routing.js';
import { ApiError, errorMessage } from '../api/client.js';
import { combos } from '../api/endpoints.js';
import { ErrorMessage } from '../components/error-message.js';
import { describedBy, Field } from '../components/field.js';
import { formatTargets, parseTargets } from './combo-targets.js';

interface ComboFormProps {
  /** The combo being edited; a new one is created when absent. */
  editing?: ComboDto | undefined;
  onSaved: () => void;
  onCancel?: () => void;
}

type FormError = { message: string; field?: 'name' | 'strategy' | 'targets' | undefined };

/** Which input a server error belongs to, from its `param` (`targets[2].model` -> targets). */
function fieldOf(param: string | undefined): FormError['field'] {
  const key = param?.split(/[.[]/)[0];
  return key === 'name' || key === 'strategy' || key === 'targets' ? key : undefined;
}

/** Creates a combo, or edits one: name, strategy and targets (one per line, with an optional weight). */
export function ComboForm({ editing, onSaved, onCancel }: ComboFormProps) {
  const [name, setName] = useState(editing?.name ?? '');
  const [strategy, setStrategy] = useState<ComboStrategy>(editing?.strategy ?? 'priority');
  const [targets, setTargets] = useState(editing ? formatTargets(editing.targets) : '');
  const [enabled, setEnabled] = useState(editing?.enabled ?? true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError>();
  const id = editing ? `combo-edit-${editing.id}` : 'combo-new';
  const title = editing ? `Edit combo ${editing.name}` : 'Create a combo';

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = parseTargets(targets);
    if ('error' in parsed) {
      setError({ message: parsed.error, field: 'targets' });
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const input = { name: name.trim(), strategy, targets: parsed.targets, enabled };
      if (editing) await combos.update(editing.id, input);
      else await combos.create(input);
      if (!editing) {
        setName('');
        setTargets('');
      }
      onSaved();
    } catch (failure) {
      setError({ message: errorMessage(failure), field: failure instanceof ApiError ? fieldOf(failure.param) : undefined });
    } finally {
      setBusy(false);
    }
  };

  const errorFor = (field: FormError['field']) => (error && error.field === field ? error.message : undefined);
  return (
    <form className="card form" onSubmit={(event) => void submit(event)} aria-label={title} noValidate>
      <h2>{title}</h2>
      <div className="form-grid">
        <Field id={`${id}-name`} label="Name" hint="Clients use it as the model, e.g. coding. No '/'." error={errorFor('name')}>
          <input
            id={`${id}-name`}
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={errorFor('name') ? true : undefined}
            aria-describedby={describedBy(`${id}-name`, { hint: true, error: errorFor('name') })}
          />
        </Field>
        <Field id={`${id}-strategy`} label="Strategy" hint="How the targets are chosen; see the routing guide." error={errorFor('strategy')}>
          <select id={`${id}-strategy`} value={strategy} onChange={(event) => setStrategy(event.target.value as ComboStrategy)} aria-describedby={describedBy(`${id}-strategy`, { hint: true, error: errorFor('strategy') })}>
            {comboStrategies.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id={`${id}-targets`} label="Targets" hint="One per line: provider/model, an alias or a combo, optionally followed by a weight (alpha/gpt-4o 3)." error={errorFor('targets')}>
        <textarea
          id={`${id}-targets`}
          rows={4}
          spellCheck={false}
          value={targets}
          onChange={(event) => setTargets(event.target.value)}
          aria-invalid={errorFor('targets') ? true : undefined}
          aria-describedby={describedBy(`${id}-targets`, { hint: true, error: errorFor('targets') })}
        />
      </Field>
      <div className="field field-check">
        <input id={`${id}-enabled`} type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
        <label htmlFor={`${id}-enabled`}>Enabled</label>
      </div>
      <ErrorMessage message={error && !error.field ? error.message : undefined} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : editing ? 'Save combo' : 'Create combo'}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
