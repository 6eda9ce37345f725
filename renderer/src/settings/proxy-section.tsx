import { useState } from 'react';
import type { ProxyTestResultDto, UpstreamProxyViewDto } from '../../../shared/proxy-settings.js';
import { errorMessage } from '../api/client.js';
import { proxySettings } from '../api/endpoints.js';
import { describedBy, Field } from '../components/field.js';
import { ErrorMessage } from '../components/error-message.js';
import { proxyTestInput, type ProxyDraft, type ProxyErrors, type ProxyField } from './settings-form-state.js';

interface ProxySectionProps {
  draft: ProxyDraft;
  errors: ProxyErrors;
  /** What the router uses now (saved setting, else the environment); undefined while loading. */
  view: UpstreamProxyViewDto | undefined;
  viewError: string | undefined;
  onChange: (field: ProxyField, value: string) => void;
  /** A typed URL the test cannot use is shown at its field, as on save. */
  onUrlError: (message: string) => void;
}

/**
 * The proxy upstream calls go through, saved with the page's other settings, with what is in effect
 * and a test call through the typed URL (or, when blank, the proxy in effect).
 */
export function ProxySection({ draft, errors, view, viewError, onChange, onUrlError }: ProxySectionProps) {
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ProxyTestResultDto>();
  const [testError, setTestError] = useState<string>();
  const urlId = 'setting-upstreamProxy-url';
  const noProxyId = 'setting-upstreamProxy-noProxy';

  const change = (field: ProxyField, value: string): void => {
    if (field === 'url') setResult(undefined);
    onChange(field, value);
  };

  const test = async (): Promise<void> => {
    setResult(undefined);
    setTestError(undefined);
    const checked = proxyTestInput(draft);
    if ('error' in checked) {
      onUrlError(checked.error);
      return;
    }
    setTesting(true);
    try {
      setResult(await proxySettings.test(checked.input));
    } catch (failure) {
      setTestError(errorMessage(failure));
    } finally {
      setTesting(false);
    }
  };

  return (
    <fieldset className="card" data-testid="upstream-proxy">
      <legend>Upstream proxy</legend>
      <p className="hint block">
        For networks where providers are reached through an HTTP proxy. The desktop app does not see a shell’s <code>HTTPS_PROXY</code>: set the proxy here.
      </p>
      <EffectiveProxy view={view} error={viewError} />
      <Field
        id={urlId}
        label="Proxy URL"
        hint={
          <>
            An <code>http://</code> proxy, e.g. <code>http://proxy.example.com:3128</code>. Blank: the environment’s <code>HTTPS_PROXY</code>/<code>HTTP_PROXY</code>, if any. No
            user name or password here (settings hold no secret): set an authenticating proxy as <code>HTTPS_PROXY=http://user:pass@host:port</code> in the router’s environment.
          </>
        }
        error={errors.url}
      >
        <input
          id={urlId}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="http://proxy.example.com:3128"
          value={draft.url}
          onChange={(event) => change('url', event.target.value)}
          aria-invalid={errors.url ? true : undefined}
          aria-describedby={describedBy(urlId, { hint: true, error: errors.url })}
        />
      </Field>
      <Field
        id={noProxyId}
        label="Exceptions"
        hint={
          <>
            Hosts reached directly, one per line: <code>example.com</code> (and its subdomains), <code>host:port</code>, an IP address, a CIDR range such as <code>10.0.0.0/8</code>, or <code>*</code>. By default{' '}
            <code>localhost</code>, <code>127.0.0.1</code> and <code>::1</code>, so a local Ollama or LM Studio is not sent to the proxy. <code>NO_PROXY</code> also applies.
          </>
        }
        error={errors.noProxy}
      >
        <textarea
          id={noProxyId}
          rows={3}
          spellCheck={false}
          placeholder="internal.example.com"
          value={draft.noProxy}
          onChange={(event) => change('noProxy', event.target.value)}
          aria-invalid={errors.noProxy ? true : undefined}
          aria-describedby={describedBy(noProxyId, { hint: true, error: errors.noProxy })}
        />
      </Field>
      <div className="actions">
        <button type="button" className="button" onClick={() => void test()} disabled={testing}>
          {testing ? 'Testing…' : 'Test proxy'}
        </button>
        <span className="hint">Sends one request to your first provider (api.openai.com when there is none) through the URL above, or through the proxy in effect when it is blank.</span>
      </div>
      <div role="status">{result ? <TestResult result={result} /> : null}</div>
      <ErrorMessage message={testError} />
    </fieldset>
  );
}

function EffectiveProxy({ view, error }: { view: UpstreamProxyViewDto | undefined; error: string | undefined }) {
  if (error) return <ErrorMessage message={`Could not read the proxy in effect: ${error}`} />;
  if (!view) return <p className="loading">Reading the proxy in effect…</p>;
  const { effective } = view;
  const proxied = effective.source !== 'none' && (effective.https !== null || effective.http !== null);
  return (
    <p className="message message-info" role="status" data-testid="proxy-effective">
      {describeEffective(effective)}
      {proxied && effective.noProxy.length > 0 ? (
        <>
          <br />
          Except for: {effective.noProxy.join(', ')}
        </>
      ) : null}
    </p>
  );
}

/** "In effect: http://***@proxy:3128 from the environment.", or that providers are called directly. */
export function describeEffective(effective: UpstreamProxyViewDto['effective']): string {
  const { https, http } = effective;
  if (effective.source === 'none' || (https === null && http === null)) return 'No proxy: providers are called directly.';
  const from = effective.source === 'settings' ? 'from these settings' : 'from the environment';
  let route: string;
  if (https === http) route = String(https);
  else if (http === null) route = `${https} for https providers (http ones are called directly)`;
  else if (https === null) route = `${http} for http providers (https ones are called directly)`;
  else route = `${https} for https providers, ${http} for http ones`;
  return `In effect: ${route} ${from}.`;
}

function TestResult({ result }: { result: ProxyTestResultDto }) {
  const title = !result.ok ? 'Test failed' : result.proxy ? 'Proxy OK' : 'Reached directly';
  return (
    <p className={result.ok ? 'message message-ok' : 'message message-error'} data-testid="proxy-test-result">
      <strong>{title}</strong> ({result.latencyMs} ms): {result.message}
    </p>
  );
}
