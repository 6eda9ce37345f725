import { errorMessage } from '../api/client.js';
import { routingState } from '../api/endpoints.js';
import { useApiList } from '../api/use-api-list.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { DataTable } from '../components/data-table.js';
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
        <DataTable columns={['Session', 'Model', 'Pinned to', { label: 'Requests', numeric: true }, 'Expires']} compact>
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
        </DataTable>
      ) : null}
    </section>
  );
}
