import { useState } from 'react';
import { providers } from '../api/endpoints.js';
import { useApiList } from '../api/use-api-list.js';
import { ErrorMessage } from '../components/error-message.js';
import { ProviderCard } from './provider-card.js';
import { ProviderForm } from './provider-form.js';
import { UsageHint } from './usage-hint.js';

/** Providers: the upstreams the router forwards to, each a model prefix. */
export function ProvidersPage() {
  const { items: list, error, reload: load } = useApiList(providers.list);
  const [notice, setNotice] = useState<string>();

  return (
    <>
      <UsageHint />
      <section aria-labelledby="providers-title">
        <h2 id="providers-title">Your providers</h2>
        <ErrorMessage message={error} />
        <p role="status" className="sr-only">
          {notice}
        </p>
        {list === undefined && !error ? <p className="loading">Loading providers…</p> : null}
        {list?.length === 0 ? <p className="empty">No providers yet. Add one below to start routing.</p> : null}
        <div className="provider-list">
          {list?.map((provider) => (
            <ProviderCard key={provider.id} provider={provider} onChanged={load} />
          ))}
        </div>
      </section>
      <ProviderForm
        onCreated={(name) => {
          setNotice(`Added provider '${name}'.`);
          void load();
        }}
      />
    </>
  );
}
