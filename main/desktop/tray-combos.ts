import { activeComboAlias, type TrayCombo } from '../../shared/ipc-contract.js';
import type { AppHost } from '../app-host.js';
import { onEachRouter } from './router-events.js';

/** Where the running router is and how to call its management API. */
export interface ManagementTarget {
  url: string;
  adminToken: string;
}

/**
 * The combos for the tray, read through the management API like the dashboard reads them, so
 * the tray sees exactly what the router routes by. A build without `/api/combos` (404) has none.
 */
export async function listTrayCombos(target: ManagementTarget): Promise<TrayCombo[]> {
  const response = await manage(target, 'GET', '/api/combos');
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`GET /api/combos answered HTTP ${response.status}`);
  const body = (await response.json()) as { data?: { id: string; name: string; enabled: boolean }[] };
  const active = await activeCombo(target);
  return (body.data ?? []).map(({ id, name, enabled }) => ({ id, name, enabled, active: name === active }));
}

/**
 * Makes a combo the active one: points the `active` alias at it (`POST /api/models/alias`), so
 * every tool configured with the model `active` switches with it, without touching its config.
 */
export async function setActiveCombo(target: ManagementTarget, name: string): Promise<void> {
  const response = await manage(target, 'POST', '/api/models/alias', { alias: activeComboAlias, model: name });
  if (!response.ok) throw new Error(`POST /api/models/alias answered HTTP ${response.status}`);
}

/** The combo the `active` alias names, if any. */
async function activeCombo(target: ManagementTarget): Promise<string | undefined> {
  const response = await manage(target, 'GET', '/api/models/alias');
  if (!response.ok) return undefined;
  const body = (await response.json()) as { data?: { alias: string; model: string }[] };
  return body.data?.find((entry) => entry.alias === activeComboAlias)?.model;
}

function manage(target: ManagementTarget, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(target.url + path, {
    method,
    headers: { authorization: `Bearer ${target.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/**
 * Combos change through the dashboard or the API, and nothing announces it; the tray reads them
 * when a router starts and then every `everyMs` while it runs (a loopback GET, cheap).
 */
export function followCombos(host: AppHost, refresh: () => Promise<void>, everyMs = 30_000): void {
  onEachRouter(host, () => {
    void refresh();
    const timer = setInterval(() => void refresh(), everyMs);
    // The tray's polling must never keep the process alive on its own.
    timer.unref();
    return () => clearInterval(timer);
  });
}
