import { CopyButton } from '../components/copy-button.js';
import { clientBaseUrl } from '../router-url.js';

/** How to point a coding agent at the router. */
export function UsageHint() {
  const baseUrl = clientBaseUrl();
  return (
    <section className="card usage" aria-labelledby="usage-title">
      <h2 id="usage-title">Connect your tools</h2>
      <dl className="usage-list">
        <div>
          <dt>Base URL</dt>
          <dd>
            <code data-testid="client-base-url">{baseUrl}</code> <CopyButton text={baseUrl} what="base URL" />
          </dd>
        </div>
        <div>
          <dt>Model</dt>
          <dd>
            <code>provider-name/model</code>, e.g. <code>groq/llama-3.3-70b-versatile</code>
          </dd>
        </div>
        <div>
          <dt>API key</dt>
          <dd>
            A key from <a href="#/keys">API keys</a>; any value works while <a href="#/settings">Require an API key</a> is off.
          </dd>
        </div>
      </dl>
    </section>
  );
}
