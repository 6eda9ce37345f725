import { useEffect, useRef } from 'react';
import { BackupsPage } from './backups/backups-page.js';
import { CliToolsPage } from './cli-tools/cli-tools-page.js';
import { CombosPage } from './combos/combos-page.js';
import { HealthPage } from './health/health-page.js';
import { KeysPage } from './keys/keys-page.js';
import { ProvidersPage } from './providers/providers-page.js';
import { SettingsPage } from './settings/settings-page.js';
import { TunnelsPage } from './tunnels/tunnels-page.js';
import { UsagePage } from './usage/usage-page.js';
import { pages, useHashRoute } from './use-hash-route.js';

interface ShellProps {
  onSignOut: () => void;
}

/** The signed-in frame: header, navigation, and the current page. */
export function Shell({ onSignOut }: ShellProps) {
  const page = useHashRoute();
  const title = pages.find((entry) => entry.id === page)?.title ?? '';
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = `${title} · OmniRoute`;
    // Moving focus to the new heading tells keyboard and screen reader users the page changed.
    if (firstRender.current) firstRender.current = false;
    else heading.current?.focus();
  }, [title]);

  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          OmniRoute
        </span>
        <nav aria-label="Main">
          <ul className="nav">
            {pages.map((entry) => (
              <li key={entry.id}>
                <a href={`#/${entry.id}`} aria-current={entry.id === page ? 'page' : undefined}>
                  {entry.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="button button-quiet" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main id="content" className="content">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {page === 'providers' ? <ProvidersPage /> : page === 'combos' ? <CombosPage /> : page === 'keys' ? <KeysPage /> : page === 'usage' ? <UsagePage /> : page === 'health' ? <HealthPage /> : page === 'cli-tools' ? <CliToolsPage /> : page === 'tunnels' ? <TunnelsPage /> : page === 'backups' ? <BackupsPage /> : <SettingsPage />}
      </main>
    </div>
  );
}
