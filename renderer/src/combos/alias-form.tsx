import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/client.js';
import { modelAliases } from '../api/endpoints.js';
import { ErrorMessage } from '../components/error-message.js';
import { describedBy, Field } from '../components/field.js';

interface AliasFormProps {
  onSaved: () => void;
}

/** Adds a model alias or wildcard route, or points an existing alias elsewhere. */
export function AliasForm({ onSaved }: AliasFormProps) {
  const [alias, setAlias] = useState('');
  const [model, setModel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; param?: string | undefined }>();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await modelAliases.save({ alias: alias.trim(), model: model.trim() });
      setAlias('');
      setModel('');
      onSaved();
    } catch (failure) {
      setError({ message: errorMessage(failure), param: failure instanceof ApiError ? failure.param : undefined });
    } finally {
      setBusy(false);
    }
  };

  const aliasError = error?.param === 'alias' ? error.message : undefined;
  const modelError = error?.param === 'model' ? error.message : undefined;
  return (
    <form className="card form" onSubmit={(event) => void submit(event)} aria-label="Add an alias" noValidate>
      <h2>Add an alias</h2>
      <div className="form-grid">
        <Field id="alias-name" label="Alias" hint={<>What clients ask for: <code>sonnet</code>, or <code>anthropic/*</code> for a wildcard route.</>} error={aliasError}>
          <input
            id="alias-name"
            autoComplete="off"
            spellCheck={false}
            value={alias}
            onChange={(event) => setAlias(event.target.value)}
            aria-invalid={aliasError ? true : undefined}
            aria-describedby={describedBy('alias-name', { hint: true, error: aliasError })}
          />
        </Field>
        <Field id="alias-model" label="Model" hint={<>Where it goes: <code>provider/model</code>, a combo, or <code>provider/*</code> for a wildcard.</>} error={modelError}>
          <input
            id="alias-model"
            autoComplete="off"
            spellCheck={false}
            value={model}
            onChange={(event) => setModel(event.target.value)}
            aria-invalid={modelError ? true : undefined}
            aria-describedby={describedBy('alias-model', { hint: true, error: modelError })}
          />
        </Field>
      </div>
      <ErrorMessage message={error && !aliasError && !modelError ? error.message : undefined} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save alias'}
        </button>
      </div>
    </form>
  );
}
