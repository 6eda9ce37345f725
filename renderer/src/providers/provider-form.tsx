import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/client.js';
import { providers, type NewProvider } from '../api/endpoints.js';
import { ErrorMessage } from '../components/error-message.js';
import { describedBy, Field } from '../components/field.js';
import { splitList } from '../components/split-list.js';
import { defaultBaseUrl, isKeyless, kindGroups } from './provider-kinds.js';

interface ProviderFormProps {
  onCreated: (name: string) => void;
}

const initialKind = 'openai';

/** Adds a provider. The API key goes to the server once and is then cleared from the form. */
export function ProviderForm({ onCreated }: ProviderFormProps) {
  const [kind, setKind] = useState(initialKind);
  const [name, setName] = useState(initialKind);
  const [nameEdited, setNameEdited] = useState(false);
  const [baseUrl, setBaseUrl] = useState(defaultBaseUrl(initialKind));
  const [apiKey, setApiKey] = useState('');
  const [models, setModels] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error>();

  const changeKind = (next: string): void => {
    // Follow the kind's defaults until the user has typed their own values.
    if (baseUrl.trim() === '' || baseUrl === defaultBaseUrl(kind)) setBaseUrl(defaultBaseUrl(next));
    if (!nameEdited) setName(next);
    setKind(next);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const input: NewProvider = { name: name.trim(), kind };
    const url = baseUrl.trim();
    if (url !== '' && url !== defaultBaseUrl(kind)) input.baseUrl = url;
    if (apiKey.trim() !== '') input.apiKey = apiKey.trim();
    const modelList = splitList(models);
    if (modelList.length > 0) input.models = modelList;
    try {
      await providers.create(input);
      setApiKey('');
      setModels('');
      setBaseUrl(defaultBaseUrl(kind));
      setNameEdited(false);
      setName(kind);
      onCreated(input.name);
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(errorMessage(failure)));
    } finally {
      setBusy(false);
    }
  };

  const param = error instanceof ApiError ? error.param : undefined;
  const fieldError = (field: string): string | undefined => (param === field ? error?.message : undefined);
  const formError = error && !['name', 'kind', 'baseUrl', 'apiKey'].includes(param ?? '') && !param?.startsWith('models') ? error.message : undefined;
  const keyless = isKeyless(kind);

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} aria-labelledby="add-provider-title" noValidate>
      <h2 id="add-provider-title">Add a provider</h2>
      <div className="form-grid">
        <Field id="provider-kind" label="Kind" error={fieldError('kind')}>
          <select id="provider-kind" value={kind} onChange={(event) => changeKind(event.target.value)} aria-describedby={describedBy('provider-kind', { error: fieldError('kind') })}>
            {kindGroups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.kinds.map((preset) => (
                  <option key={preset.id} value={preset.id}>
                    {preset.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field id="provider-name" label="Name" hint="The model prefix: clients ask for name/model." error={fieldError('name')}>
          <input
            id="provider-name"
            required
            autoComplete="off"
            spellCheck={false}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setNameEdited(true);
            }}
            aria-invalid={fieldError('name') ? true : undefined}
            aria-describedby={describedBy('provider-name', { hint: true, error: fieldError('name') })}
          />
        </Field>
        <Field id="provider-base-url" label="Base URL" hint="Filled in from the kind; change it for a proxy or a self-hosted server." error={fieldError('baseUrl')}>
          <input
            id="provider-base-url"
            type="url"
            autoComplete="off"
            spellCheck={false}
            value={baseUrl}
            placeholder={defaultBaseUrl(kind)}
            onChange={(event) => setBaseUrl(event.target.value)}
            aria-invalid={fieldError('baseUrl') ? true : undefined}
            aria-describedby={describedBy('provider-base-url', { hint: true, error: fieldError('baseUrl') })}
          />
        </Field>
        <Field
          id="provider-api-key"
          label="API key"
          hint={keyless ? 'Local servers usually need none.' : 'Stored in the OS keychain; never shown again.'}
          error={fieldError('apiKey')}
        >
          <input
            id="provider-api-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            aria-invalid={fieldError('apiKey') ? true : undefined}
            aria-describedby={describedBy('provider-api-key', { hint: true, error: fieldError('apiKey') })}
          />
        </Field>
        <Field
          id="provider-models"
          label="Models (optional)"
          hint="One per line. Leave empty to ask the provider for its list."
          error={param?.startsWith('models') ? error?.message : undefined}
        >
          <textarea
            id="provider-models"
            rows={3}
            spellCheck={false}
            value={models}
            onChange={(event) => setModels(event.target.value)}
            aria-describedby={describedBy('provider-models', { hint: true, error: param?.startsWith('models') ? error?.message : undefined })}
          />
        </Field>
      </div>
      <ErrorMessage message={formError} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add provider'}
        </button>
      </div>
    </form>
  );
}
