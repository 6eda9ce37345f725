import { useEffect, useState } from 'react';

export const pages = [
  { id: 'providers', title: 'Providers' },
  { id: 'combos', title: 'Combos' },
  { id: 'keys', title: 'API keys' },
  { id: 'usage', title: 'Usage' },
  { id: 'health', title: 'Health' },
  { id: 'cli-tools', title: 'CLI tools' },
  { id: 'tunnels', title: 'Tunnels' },
  { id: 'settings', title: 'Settings' },
  { id: 'backups', title: 'Backups' },
] as const;

export type PageId = (typeof pages)[number]['id'];

function current(): PageId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return pages.find((page) => page.id === id)?.id ?? 'providers';
}

/**
 * The page named by the URL hash (`#/keys`). Hash routes need nothing from the server, work with
 * back/forward, and keep the page on the one URL the router serves.
 */
export function useHashRoute(): PageId {
  const [page, setPage] = useState<PageId>(current);
  useEffect(() => {
    const onChange = (): void => setPage(current());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return page;
}
