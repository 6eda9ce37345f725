import { useState } from 'react';
import { cliTools } from '../api/endpoints.js';
import { useApiList } from '../api/use-api-list.js';
import { ErrorMessage } from '../components/error-message.js';
import { CliToolCard } from './cli-tool-card.js';

/** CLI tools: the coding tools found on this machine, and one-click setup to use the router. */
export function CliToolsPage() {
  const [fetchList, setFetchList] = useState(() => cliTools.list);
  const { items: list, error } = useApiList(fetchList);
  const installed = list?.filter((tool) => tool.installed) ?? [];
  const missing = list?.filter((tool) => !tool.installed) ?? [];
  return (
    <>
      <p className="lead">
        Point your coding tools at this router. Apply edits the tool&apos;s own config (you can preview the change first) and keeps a backup that Restore puts back
        exactly.
      </p>
      <ErrorMessage message={error} />
      {list === undefined && !error ? <p className="loading">Looking for tools…</p> : null}
      {list ? (
        <>
          <section aria-labelledby="cli-installed-title">
            <h2 id="cli-installed-title">Installed ({installed.length})</h2>
            {installed.length === 0 ? <p>No supported tool was found on this machine.</p> : null}
            <div className="provider-list">
              {installed.map((tool) => (
                <CliToolCard key={tool.id} tool={tool} />
              ))}
            </div>
          </section>
          <section aria-labelledby="cli-missing-title">
            <h2 id="cli-missing-title">Not found ({missing.length})</h2>
            <div className="provider-list">
              {missing.map((tool) => (
                <CliToolCard key={tool.id} tool={tool} />
              ))}
            </div>
          </section>
        </>
      ) : null}
      <div className="actions">
        {/* A new function makes useApiList load again, this time asking the server to look anew. */}
        <button type="button" className="button" onClick={() => setFetchList(() => () => cliTools.refreshed())}>
          Look again
        </button>
      </div>
    </>
  );
}
