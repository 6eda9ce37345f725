import type { AccountStateDto, AccountStateName } from '../../../shared/routing-state-types.js';
import { DataTable } from '../components/data-table.js';
import { countdown } from './use-now.js';

interface AccountTableProps {
  provider: string;
  accounts: AccountStateDto[];
  now: number;
  onReset: (scope: { accountId: string }) => void;
}

const stateLabels: Record<AccountStateName, { text: string; badge: string }> = {
  available: { text: 'Available', badge: 'badge badge-ok' },
  'cooling-down': { text: 'Cooling down', badge: 'badge badge-warn' },
  'breaker-open': { text: 'Breaker open', badge: 'badge badge-off' },
  'half-open': { text: 'Half-open (probing)', badge: 'badge badge-warn' },
  'auth-failed': { text: 'Key refused', badge: 'badge badge-off' },
};

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** A provider's accounts as routing sees them, each with a way to end its cooldown or breaker now. */
export function AccountTable({ provider, accounts, now, onReset }: AccountTableProps) {
  if (accounts.length === 0) return <p className="empty">No accounts.</p>;
  return (
    <DataTable columns={['Account', 'State', { label: 'Failures / requests', numeric: true }, 'Last error']} actions compact label={`Accounts of ${provider}`}>
      {accounts.map((account) => {
        const label = stateLabels[account.state] ?? { text: account.state, badge: 'badge' };
        const troubled = account.state !== 'available' || account.failures > 0;
        return (
          <tr key={account.accountId} data-account={account.label}>
            <th scope="row">{account.label}</th>
            <td data-cell="state">
              <span className={label.badge}>{label.text}</span>
              {account.reason ? <span className="hint block">{account.reason}</span> : null}
              {account.availableAt ? <span className="hint block">Available again {countdown(account.availableAt, now)}</span> : null}
              {account.authFailure ? <span className="hint block">HTTP {account.authFailure.status}: {account.authFailure.message}</span> : null}
            </td>
            <td className="numeric">
              {account.failures} / {account.requests}
              {account.consecutiveFailures > 0 ? <span className="hint block">{account.consecutiveFailures} in a row</span> : null}
            </td>
            <td data-cell="last-error">
              {account.lastError ? (
                <>
                  HTTP {account.lastError.status} <code>{account.lastError.rule}</code> at {time.format(new Date(account.lastError.at))}
                  <span className="hint block">{account.lastError.message}</span>
                </>
              ) : (
                '–'
              )}
            </td>
            <td className="cell-actions">
              <button type="button" className="button button-small" disabled={!troubled} onClick={() => onReset({ accountId: account.accountId })} aria-label={`Reset account ${account.label} of ${provider}`}>
                Reset
              </button>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
