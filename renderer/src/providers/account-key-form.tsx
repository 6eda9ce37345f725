import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ApiError, errorMessage } from '../api/client.js';
import { providers } from '../api/endpoints.js';
import { ErrorMessage } from '../components/error-message.js';

interface AccountKeyControlProps {
  providerId: string;
  providerName: string;
  /** The label of the provider's first account, the one `PUT /api/providers/{id}` gives the key to. */
  accountLabel: string;
  /** Whether that account has a key now: the button offers to replace it or to set one. */
  hasKey: boolean;
  disabled?: boolean;
  /** Called once the server stored the key; it reloads the provider before the form closes. */
  onSaved: () => Promise<void>;
}

/**
 * "Replace key" (or "Set key") for a provider's first account: a button that opens a small inline
 * form with a password field. The key goes to the server once, then the field is emptied and the
 * form closes; the page never shows it again (the API does not return keys).
 */
export function AccountKeyControl({ providerId, providerName, accountLabel, hasKey, disabled, onSaved }: AccountKeyControlProps) {
  const [open, setOpen] = useState(false);
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error>();
  const opener = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const baseId = `provider-${providerId}-key`;
  const inputId = `${baseId}-input`;
  const errorId = `${baseId}-error`;
  const action = hasKey ? 'Replace key' : 'Set key';

  useEffect(() => {
    // Once the form closes, focus goes back to the button that opened it instead of the page top.
    if (!open && returnFocus.current) {
      returnFocus.current = false;
      opener.current?.focus();
    }
  }, [open]);

  const close = (): void => {
    setApiKey('');
    setError(undefined);
    returnFocus.current = true;
    setOpen(false);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const key = apiKey.trim();
    if (key === '' || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await providers.update(providerId, { apiKey: key });
      setApiKey('');
      await onSaved();
      close();
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(errorMessage(failure)));
    } finally {
      setBusy(false);
    }
  };

  const cancelOnEscape = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && !busy) {
      event.preventDefault();
      close();
    }
  };

  if (!open) {
    return (
      <button
        ref={opener}
        type="button"
        className="button button-small"
        aria-label={`${action} for ${providerName}`}
        onClick={() => setOpen(true)}
        disabled={disabled}
      >
        {action}
      </button>
    );
  }

  const keyRefused = error instanceof ApiError && error.param === 'apiKey';
  return (
    <form className="key-form" aria-label={`${action} for ${providerName}`} onSubmit={(event) => void submit(event)} onKeyDown={cancelOnEscape} noValidate>
      <div className={keyRefused ? 'field field-invalid' : 'field'}>
        <label htmlFor={inputId}>
          New API key <span className="sr-only">for {providerName}</span>
        </label>
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
          aria-invalid={keyRefused ? true : undefined}
          aria-describedby={error ? `${baseId}-hint ${errorId}` : `${baseId}-hint`}
        />
        <p className="hint" id={`${baseId}-hint`}>
          For the account &lsquo;{accountLabel}&rsquo;. Stored in the OS keychain; never shown again.
        </p>
      </div>
      <ErrorMessage message={error?.message} id={errorId} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy || apiKey.trim() === ''}>
          {busy ? 'Saving…' : 'Save key'}
        </button>
        <button type="button" className="button" onClick={close} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
