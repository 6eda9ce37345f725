import { useState } from 'react';
import type { ProviderDto, ProviderTestResultDto } from '../../../shared/api-types.js';
import { errorMessage } from '../api/client.js';
import { providerModels, providers } from '../api/endpoints.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { ErrorMessage } from '../components/error-message.js';
import { AccountKeyControl } from './account-key-form.js';
import { kindLabel } from './provider-kinds.js';

interface ProviderCardProps {
  provider: ProviderDto;
  /** Reload the list after a change; the server is the only source of truth. */
  onChanged: () => Promise<void>;
}

type Outcome = { kind: 'test'; result: ProviderTestResultDto } | { kind: 'info'; text: string };

/** One provider: what it is, its accounts (key stored or not), and what can be done with it. */
export function ProviderCard({ provider, onChanged }: ProviderCardProps) {
  const [busy, setBusy] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [error, setError] = useState<string>();
  const models = [...new Set([...provider.models, ...provider.discoveredModels])];
  const hidden = new Set(provider.hiddenModels);
  const titleId = `provider-${provider.id}-title`;

  const run = async (action: string, work: () => Promise<Outcome | undefined>): Promise<void> => {
    setBusy(action);
    setError(undefined);
    setOutcome(undefined);
    try {
      const result = await work();
      if (result) setOutcome(result);
      await onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(undefined);
    }
  };

  const test = () => run('test', async () => ({ kind: 'test', result: await providers.test(provider.id) }));
  const refresh = () =>
    run('refresh', async () => {
      const listing = await providers.models(provider.id);
      const text =
        listing.source === 'upstream'
          ? `The provider lists ${listing.data.length} models.`
          : `Could not ask the provider (${listing.error ?? 'no answer'}); showing the ${listing.data.length} models known so far.`;
      return { kind: 'info', text };
    });
  const toggle = () => run('toggle', async () => (await providers.update(provider.id, { enabled: !provider.enabled }), undefined));
  const remove = () => run('delete', async () => (await providers.remove(provider.id), undefined));
  const setHidden = (model: string, hide: boolean) => run('model', async () => (await providerModels.setHidden(provider.name, model, hide), undefined));
  const keySaved = async (hadKey: boolean): Promise<void> => {
    setError(undefined);
    setOutcome({ kind: 'info', text: hadKey ? `Saved the new key for '${provider.name}'.` : `Saved a key for '${provider.name}'.` });
    await onChanged();
  };

  return (
    <article className={provider.enabled ? 'card provider' : 'card provider provider-disabled'} aria-labelledby={titleId} data-provider={provider.name}>
      <header className="provider-header">
        <h3 id={titleId}>{provider.name}</h3>
        <span className="badge">{kindLabel(provider.kind)}</span>
        {provider.kind !== provider.family ? <span className="badge badge-muted">{provider.family} family</span> : null}
        <span className={provider.enabled ? 'badge badge-ok' : 'badge badge-off'}>{provider.enabled ? 'Enabled' : 'Disabled'}</span>
      </header>
      <dl className="facts">
        <div>
          <dt>Base URL</dt>
          <dd>
            <code>{provider.baseUrl}</code>
          </dd>
        </div>
        <div>
          <dt>Models</dt>
          <dd>
            {models.length === 0 ? (
              'None known yet; use Refresh models.'
            ) : (
              <details>
                <summary>
                  {models.length} {models.length === 1 ? 'model' : 'models'}
                  {hidden.size > 0 ? ` (${hidden.size} hidden from model lists)` : ''}, e.g. <code>{`${provider.name}/${models[0]}`}</code>
                </summary>
                <ul className="model-list">
                  {models.map((model) => {
                    const id = `${provider.name}/${model}`;
                    const isHidden = hidden.has(model);
                    return (
                      <li key={model} data-model={id}>
                        <code>{id}</code> {isHidden ? <span className="badge badge-muted">Hidden</span> : null}{' '}
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`${isHidden ? 'Show' : 'Hide'} ${id}`}
                          title={isHidden ? 'List it in /v1/models again' : 'Leave it out of /v1/models and the other model lists; it can still be asked for by name'}
                          onClick={() => void setHidden(model, !isHidden)}
                          disabled={busy !== undefined}
                        >
                          {isHidden ? 'Show' : 'Hide'}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </details>
            )}
          </dd>
        </div>
        <div>
          <dt>Accounts</dt>
          <dd>
            <ul className="accounts">
              {provider.accounts.map((account, index) => (
                <li key={account.id}>
                  {account.label}{' '}
                  <span className={account.hasApiKey ? 'badge badge-ok' : 'badge badge-muted'}>{account.hasApiKey ? 'Key stored' : 'No key'}</span>
                  {account.enabled ? null : <span className="badge badge-off">Disabled</span>}
                  {/* Only the first account's key can be changed: `PUT /api/providers/{id}` is about that one. */}
                  {index === 0 ? (
                    <>
                      {' '}
                      <AccountKeyControl
                        providerId={provider.id}
                        providerName={provider.name}
                        accountLabel={account.label}
                        hasKey={account.hasApiKey}
                        disabled={busy !== undefined}
                        onSaved={() => keySaved(account.hasApiKey)}
                      />
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <div className="actions">
        <button type="button" className="button" onClick={() => void test()} disabled={busy !== undefined}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="button" className="button" onClick={() => void refresh()} disabled={busy !== undefined}>
          {busy === 'refresh' ? 'Refreshing…' : 'Refresh models'}
        </button>
        <button type="button" className="button" onClick={() => void toggle()} disabled={busy !== undefined}>
          {provider.enabled ? 'Disable' : 'Enable'}
        </button>
        <ConfirmButton
          label="Delete"
          question={`Delete '${provider.name}' and its stored keys?`}
          confirmLabel="Yes, delete"
          onConfirm={() => void remove()}
          disabled={busy !== undefined}
        />
      </div>
      <div role="status" className="provider-status">
        {outcome?.kind === 'test' ? <TestResult result={outcome.result} /> : null}
        {outcome?.kind === 'info' ? <p className="message message-info">{outcome.text}</p> : null}
      </div>
      <ErrorMessage message={error} />
    </article>
  );
}

function TestResult({ result }: { result: ProviderTestResultDto }) {
  const status = result.status === null ? 'no answer' : `HTTP ${result.status}`;
  return (
    <p className={result.ok ? 'message message-ok' : 'message message-error'} data-testid="test-result">
      <strong>{result.ok ? 'Connection OK' : 'Connection failed'}</strong> ({status}, {result.latencyMs} ms): {result.message}
    </p>
  );
}
