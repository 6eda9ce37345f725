import { useCallback, useEffect, useState } from 'react';
import { errorMessage, setUnauthorizedListener } from './api/client.js';
import { auth } from './api/endpoints.js';
import { ErrorMessage } from './components/error-message.js';
import { Shell } from './shell.js';
import { SignInPage } from './sign-in/sign-in-page.js';

type Session = { state: 'checking' } | { state: 'signed-out'; reason?: string } | { state: 'signed-in' } | { state: 'unreachable'; message: string };

const invalidLink = 'That sign-in link is not valid: its token does not match this router (links from an earlier start stop working when the token changes). Paste the current management token below.';

/** The server's answer to a wrong sign-in link (`/?signin=invalid`), read once and cleared from the address. */
function linkRefusal(): string | undefined {
  const params = new URLSearchParams(window.location.search);
  if (params.get('signin') !== 'invalid') return undefined;
  window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  return invalidLink;
}

/** Decides between the sign-in screen and the dashboard, from the server's view of the session. */
export function App() {
  const [session, setSession] = useState<Session>({ state: 'checking' });

  const check = useCallback(async () => {
    try {
      const { authenticated } = await auth.session();
      setSession(authenticated ? { state: 'signed-in' } : { state: 'signed-out', reason: linkRefusal() });
    } catch (error) {
      setSession({ state: 'unreachable', message: errorMessage(error) });
    }
  }, []);

  useEffect(() => {
    setUnauthorizedListener(() => setSession({ state: 'signed-out', reason: 'Your session ended. Sign in again.' }));
    void check();
  }, [check]);

  const signOut = async (): Promise<void> => {
    try {
      await auth.logout();
    } finally {
      setSession({ state: 'signed-out' });
    }
  };

  switch (session.state) {
    case 'checking':
      return <p className="loading">Loading…</p>;
    case 'unreachable':
      return (
        <main className="center-page">
          <h1>OmniRoute</h1>
          <ErrorMessage message={session.message} />
          <button type="button" className="button" onClick={() => void check()}>
            Try again
          </button>
        </main>
      );
    case 'signed-out':
      return <SignInPage reason={session.reason} onSignedIn={() => setSession({ state: 'signed-in' })} />;
    case 'signed-in':
      return <Shell onSignOut={() => void signOut()} />;
  }
}
