import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.js';
import { auth } from '../api/endpoints.js';
import { describedBy, Field } from '../components/field.js';
import { ErrorMessage } from '../components/error-message.js';

interface SignInPageProps {
  reason?: string | undefined;
  onSignedIn: () => void;
}

/** Trades the management token for the HttpOnly session cookie; the page never keeps the token. */
export function SignInPage({ reason, onSignedIn }: SignInPageProps) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await auth.login(token.trim());
      setToken('');
      onSignedIn();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="center-page">
      <div className="card sign-in">
        <h1>
          <span className="brand-mark" aria-hidden="true" /> Sign in to OmniRoute
        </h1>
        {reason ? <p className="message message-info">{reason}</p> : null}
        <p>
          Open the sign-in link that <code>npm start</code> prints (the desktop app opens it from its tray menu), or paste the management token
          here.
        </p>
        <form onSubmit={(event) => void submit(event)} noValidate>
          {/* Lets password managers file the token under a name; browsers expect one beside a password. */}
          <input type="text" name="username" autoComplete="username" value="OmniRoute" readOnly hidden />
          <Field
            id="token"
            label="Management token"
            hint={
              <>
                The token is the <code>token=</code> part of <code>{window.location.origin}/?token=…</code>, or <code>OMNIROUTE_ADMIN_TOKEN</code> if you set it.
              </>
            }
          >
            <input
              id="token"
              name="token"
              type="password"
              autoComplete="current-password"
              required
              value={token}
              onChange={(event) => setToken(event.target.value)}
              aria-describedby={describedBy('token', { hint: true })}
              aria-invalid={error ? true : undefined}
            />
          </Field>
          <ErrorMessage message={error} />
          <button type="submit" className="button button-primary" disabled={busy || token.trim() === ''}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
