import { useEffect } from 'react';
import { tunnels } from '../api/endpoints.js';
import { useApiList } from '../api/use-api-list.js';
import { ErrorMessage } from '../components/error-message.js';
import { TunnelCard } from './tunnel-card.js';

/** Tunnels: a public HTTPS address for the client API, through a daemon installed on this machine. */
export function TunnelsPage() {
  const { items: list, error, reload } = useApiList(tunnels.list);
  const watching = list?.some((tunnel) => tunnel.state !== 'stopped' && tunnel.state !== 'error') ?? false;
  useEffect(() => {
    // A daemon can die and be restarted (with a new URL) at any time; keep the page current meanwhile.
    if (!watching) return undefined;
    const timer = setInterval(() => void reload(), 3000);
    return () => clearInterval(timer);
  }, [watching, reload]);
  return (
    <>
      <p className="lead">
        A tunnel lets agents on other machines use this router. It starts only while <a href="#/settings">Require an API key</a> is on and an{' '}
        <a href="#/keys">API key</a> exists; through it, only the client API answers, never this dashboard.
      </p>
      <section aria-labelledby="tunnels-title">
        <h2 id="tunnels-title">Available tunnels</h2>
        <ErrorMessage message={error} />
        {list === undefined && !error ? <p className="loading">Loading tunnels…</p> : null}
        <div className="provider-list">
          {list?.map((tunnel) => (
            <TunnelCard key={tunnel.kind} tunnel={tunnel} onChanged={reload} />
          ))}
        </div>
      </section>
    </>
  );
}
