import { useState } from 'react';
import type { CliToolStatusDto } from '../../../shared/cli-tools-types.js';
import { CliToolSetup } from './cli-tool-setup.js';

interface CliToolCardProps {
  tool: CliToolStatusDto;
}

/** One tool: whether and where it was found, its version, and (opened on demand) its setup. */
export function CliToolCard({ tool }: CliToolCardProps) {
  const [open, setOpen] = useState(false);
  const titleId = `cli-${tool.id}-title`;
  return (
    <article className="card provider" aria-labelledby={titleId} data-cli-tool={tool.id}>
      <header className="provider-header">
        <h3 id={titleId}>{tool.name}</h3>
        <span className={tool.installed ? 'badge badge-ok' : 'badge badge-muted'}>{tool.installed ? (tool.version ? `v${tool.version}` : 'Installed') : 'Not found'}</span>
        {tool.installed && tool.kind === 'cli' && !tool.runnable ? <span className="badge badge-off">Does not run</span> : null}
      </header>
      <dl className="facts">
        <div>
          <dt>{tool.kind === 'cli' ? 'Program' : 'Extension'}</dt>
          <dd>{tool.commandPath ? <code>{tool.commandPath}</code> : tool.reason}</dd>
        </div>
        {tool.installed && !tool.runnable && tool.kind === 'cli' ? (
          <div>
            <dt>Problem</dt>
            <dd>{tool.reason}</dd>
          </div>
        ) : null}
      </dl>
      <div className="actions">
        <button type="button" className="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide setup' : 'Set up'}
        </button>
      </div>
      {open ? <CliToolSetup toolId={tool.id} toolName={tool.name} /> : null}
    </article>
  );
}
