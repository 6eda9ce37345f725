import { useState, type FormEvent } from 'react';
import type { CreatedApiKeyDto } from '../../../shared/api-types.js';
import { ApiError, errorMessage } from '../api/client.js';
import { apiKeys, type NewApiKey } from '../api/endpoints.js';
import { ErrorMessage } from '../components/error-message.js';
import { describedBy, Field } from '../components/field.js';
import { splitList } from '../components/split-list.js';

interface KeyFormProps {
  onCreated: (created: CreatedApiKeyDto) => void;
}

/** Creates a client API key, optionally limited to some models. */
export function KeyForm({ onCreated }: KeyFormProps) {
  const [name, setName] = useState('');
  const [models, setModels] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; param?: string | undefined }>();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (name.trim() === '') {
      setError({ message: 'Give the key a name, e.g. the tool that will use it.', param: 'name' });
      return;
    }
    setBusy(true);
    setError(undefined);
    const input: NewApiKey = { name: name.trim() };
    const patterns = splitList(models);
    if (patterns.length > 0) input.models = patterns;
    try {
      const created = await apiKeys.create(input);
      setName('');
      setModels('');
      onCreated(created);
    } catch (failure) {
      setError({ message: errorMessage(failure), param: failure instanceof ApiError ? failure.param : undefined });
    } finally {
      setBusy(false);
    }
  };

  const nameError = error?.param === 'name' ? error.message : undefined;
  const modelsError = error?.param?.startsWith('models') ? error.message : undefined;

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} aria-labelledby="create-key-title" noValidate>
      <h2 id="create-key-title">Create a key</h2>
      <div className="form-grid">
        <Field id="key-name" label="Name" hint="Who uses it, e.g. Claude Code on my laptop." error={nameError}>
          <input
            id="key-name"
            required
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={describedBy('key-name', { hint: true, error: nameError })}
          />
        </Field>
        <Field
          id="key-models"
          label="Allowed models (optional)"
          hint={
            <>
              One pattern per line, <code>*</code> matches anything: <code>groq/*</code>. Empty allows every model.
            </>
          }
          error={modelsError}
        >
          <textarea
            id="key-models"
            rows={2}
            spellCheck={false}
            value={models}
            onChange={(event) => setModels(event.target.value)}
            aria-invalid={modelsError ? true : undefined}
            aria-describedby={describedBy('key-models', { hint: true, error: modelsError })}
          />
        </Field>
      </div>
      <ErrorMessage message={error && !nameError && !modelsError ? error.message : undefined} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </div>
    </form>
  );
}
