import { errorMessage } from '../api/client.js';
import { routingState } from '../api/endpoints.js';
import { useApiList } from '../api/use-api-list.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ErrorMessage } from '../components/error-message.js';
import { formatDateTime } from '../usage/format.js';

/** Sticky sessions: conversations (by `X-Session-Id`) pinned to the account that last answered them. */
export function SessionSection() {
  const { items: sessions, error, setError, reload } = useApiList(routingState.sessions);
  // Sessions name accounts by id; the labels are what the user gave them.
  const { items: accounts } = useApiList(routingState.accounts);
  const accountName = (id: string): string => accounts?.find((account) => account.accountId === id)?.label ?? id;

  const clear = async (): Promise<void> => {
    try {
      await routingState.clearSessions();
      await reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <section aria-labelledby="sessions-title">
      <div className="section-header">
        <h2 id="sessions-title">Sticky sessions</h2>
        {sessions && sessions.length > 0 ? <ConfirmButton label="Clear all" question="Forget every sticky session? Their next requests may go to other accounts." confirmLabel="Yes, clear" onConfirm={() => void clear()} /> : null}
      </div>
      <ErrorMessage message={error} />
      {sessions?.length === 0 ? <p className="empty">No sticky sessions. A client opens one by sending an X-Session-Id header.</p> : null}
      {sessions && sessions.length > 0 ? (
        <div className="table-wrap">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Model</th>
                <th scope="col">Pinned to</th>
                <th scope="col" className="numeric">Requests</th>
                <th scope="col">Expires</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => (
                <tr key={session.sessionId} data-session={session.sessionId}>
                  <th scope="row">
                    <code>{session.sessionId}</code>
                  </th>
                  <td>{session.requestedModel}</td>
                  <td>
                    {session.target}
                    <span className="hint block">account {accountName(session.accountId)}</span>
                  </td>
                  <td className="numeric">{session.requests}</td>
                  <td className="nowrap">{formatDateTime(session.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
