import { useState } from 'react';
import type { ApiKeyDto, CreatedApiKeyDto } from '../../../shared/api-types.js';
import { errorMessage } from '../api/client.js';
import { apiKeys } from '../api/endpoints.js';
import { useApiList } from '../api/use-api-list.js';
import { ErrorMessage } from '../components/error-message.js';
import { KeyForm } from './key-form.js';
import { KeyList } from './key-list.js';
import { NewKeyNotice } from './new-key-notice.js';

/** API keys: what clients present to the router when Require an API key is on. */
export function KeysPage() {
  const { items: keys, error, setError, reload: load } = useApiList(apiKeys.list);
  const [created, setCreated] = useState<CreatedApiKeyDto>();

  const remove = async (key: ApiKeyDto): Promise<void> => {
    try {
      await apiKeys.remove(key.id);
      await load();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <>
      <p className="lead">
        Clients send a key as <code>Authorization: Bearer …</code> (or <code>x-api-key</code>). Keys are checked when{' '}
        <a href="#/settings">Require an API key</a> is on.
      </p>
      {created ? <NewKeyNotice created={created} onDone={() => setCreated(undefined)} /> : null}
      <KeyForm
        onCreated={(next) => {
          setCreated(next);
          void load();
        }}
      />
      <section aria-labelledby="keys-title">
        <h2 id="keys-title">Your keys</h2>
        <ErrorMessage message={error} />
        {keys === undefined && !error ? <p className="loading">Loading keys…</p> : null}
        {keys ? <KeyList keys={keys} onDelete={(key) => void remove(key)} /> : null}
      </section>
    </>
  );
}
