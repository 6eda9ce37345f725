import { useState, type FormEvent } from 'react';
import { priceInputSchema } from '../../../shared/usage-types.js';
import { pricing } from '../api/endpoints.js';
import { ErrorMessage } from '../components/error-message.js';
import { errorsOfFailure, fieldErrors, numberOf, type FieldErrors } from '../components/field-errors.js';
import { describedBy, Field } from '../components/field.js';

interface PricingFormProps {
  onSaved: (model: string) => void;
}

const empty = { model: '', input: '', output: '', cachedInput: '' };
const priceFields = [
  ['input', 'Input'],
  ['output', 'Output'],
  ['cachedInput', 'Cached input (optional)'],
] as const;

/** Sets the user's price of an upstream model name or `*` pattern, in USD per million tokens. */
export function PricingForm({ onSaved }: PricingFormProps) {
  const [draft, setDraft] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const model = draft.model.trim().toLowerCase();
    const parsed = priceInputSchema.safeParse({
      input: numberOf(draft.input),
      output: numberOf(draft.output),
      ...(draft.cachedInput.trim() === '' ? {} : { cachedInput: numberOf(draft.cachedInput) }),
    });
    const found = parsed.success ? {} : fieldErrors(parsed.error.issues);
    if (model === '') found.model = 'Name the upstream model, e.g. gpt-4o-mini, or a pattern such as llama-*.';
    if (!parsed.success || model === '') return setErrors(found);
    setErrors({});
    setBusy(true);
    try {
      await pricing.set(model, parsed.data);
      setDraft(empty);
      onSaved(model);
    } catch (failure) {
      setErrors(errorsOfFailure(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} aria-labelledby="price-form-title" noValidate>
      <h3 id="price-form-title">Set a price</h3>
      <p className="hint">USD per million tokens. Costs are computed when a request is recorded, so a new price applies to requests from now on.</p>
      <div className="form-grid form-grid-narrow">
        <Field id="price-model" label="Model" error={errors.model}>
          <input id="price-model" autoComplete="off" spellCheck={false} value={draft.model} onChange={(event) => setDraft({ ...draft, model: event.target.value })} aria-invalid={errors.model ? true : undefined} aria-describedby={describedBy('price-model', { error: errors.model })} />
        </Field>
        {priceFields.map(([name, label]) => (
          <Field key={name} id={`price-${name}`} label={label} error={errors[name]}>
            <input id={`price-${name}`} className="input-number" inputMode="decimal" value={draft[name]} onChange={(event) => setDraft({ ...draft, [name]: event.target.value })} aria-invalid={errors[name] ? true : undefined} aria-describedby={describedBy(`price-${name}`, { error: errors[name] })} />
          </Field>
        ))}
      </div>
      <ErrorMessage message={errors['']} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save price'}
        </button>
      </div>
    </form>
  );
}
