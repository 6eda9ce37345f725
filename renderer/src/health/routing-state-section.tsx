import { useCallback, useEffect, useState } from 'react';
import type { AccountStateDto, HealthDto, TelemetrySummaryDto } from '../../../shared/routing-state-types.js';
import { errorMessage } from '../api/client.js';
import { routingState } from '../api/endpoints.js';
import { useLatestLoad } from '../api/use-latest-load.js';
import { ErrorMessage } from '../components/error-message.js';
import { describeDuration } from '../settings/settings-fields.js';
import { AccountTable } from './account-table.js';
import { LatencyTable } from './latency-table.js';
import { useNow } from './use-now.js';

const statusBadge = { healthy: 'badge badge-ok', degraded: 'badge badge-warn', down: 'badge badge-off' } as const;
// Cooldowns end and breakers half-open on their own; refetching keeps the page honest meanwhile.
const refreshMs = 5000;

interface Loaded {
  health: HealthDto;
  accounts: AccountStateDto[];
  latency: TelemetrySummaryDto;
}

/** Overall status, every provider's accounts with their cooldowns and breakers, and latency. */
export function RoutingStateSection() {
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const now = useNow(loaded?.accounts.some((account) => account.availableAt !== undefined) ?? false);

  // A periodic load that started before a reset must not bring back the state from before it.
  const latestLoad = useLatestLoad(setError);
  const load = useCallback(
    () =>
      latestLoad(
        () => Promise.all([routingState.health(), routingState.accounts(), routingState.latency()]),
        ([health, accounts, latency]) => setLoaded({ health, accounts, latency }),
      ),
    [latestLoad],
  );

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), refreshMs);
    return () => clearInterval(timer);
  }, [load]);

  const reset = async (scope: { provider?: string; accountId?: string }, what: string): Promise<void> => {
    try {
      const answer = await routingState.reset(scope);
      setStatus(`${what}: ${answer.reset === 0 ? 'nothing to reset' : `${answer.reset} account${answer.reset === 1 ? '' : 's'} reset`}.`);
      await load();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  if (!loaded) return error ? <ErrorMessage message={error} /> : <p className="loading">Loading routing state…</p>;
  const { health, accounts, latency } = loaded;
  return (
    <>
      <section className="card" aria-labelledby="health-status-title">
        <div className="section-header">
          <h2 id="health-status-title">
            Status <span className={statusBadge[health.status]} data-testid="health-status">{health.status}</span>
          </h2>
          <button type="button" className="button" onClick={() => void reset({}, 'All accounts')}>
            Reset all
          </button>
        </div>
        <p className="hint">
          Up {describeDuration(health.uptimeSeconds * 1000)}, {health.inFlight} request{health.inFlight === 1 ? '' : 's'} in flight. Reset ends cooldowns and closes breakers at once; the router
          forgets them on restart anyway.
        </p>
        <ErrorMessage message={error} />
        <p role="status" className="save-status">
          {status}
        </p>
      </section>
      <section aria-labelledby="accounts-title">
        <h2 id="accounts-title">Providers and accounts</h2>
        {health.providers.length === 0 ? <p className="empty">No providers yet.</p> : null}
        <div className="provider-list">
          {health.providers.map((provider) => (
            <div key={provider.name} className="card provider" data-provider={provider.name}>
              <div className="provider-header">
                <h3>{provider.name}</h3>
                {provider.enabled ? null : <span className="badge badge-muted">Disabled</span>}
                <span className="hint">
                  {provider.availableAccounts} of {provider.accounts} account{provider.accounts === 1 ? '' : 's'} available
                </span>
                <button type="button" className="button button-small push-right" onClick={() => void reset({ provider: provider.name }, provider.name)}>
                  Reset {provider.name}
                </button>
              </div>
              <AccountTable provider={provider.name} accounts={accounts.filter((account) => account.provider === provider.name)} now={now} onReset={(scope) => void reset(scope, provider.name)} />
            </div>
          ))}
        </div>
      </section>
      <section aria-labelledby="latency-title">
        <h2 id="latency-title">Latency</h2>
        <LatencyTable summary={latency} />
      </section>
    </>
  );
}
