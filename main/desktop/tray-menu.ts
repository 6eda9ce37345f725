import type { MenuItemConstructorOptions } from 'electron';
import type { RouterStatus, TrayState } from '../../shared/ipc-contract.js';

/** What the tray menu's items do; main/desktop/index.ts wires them to the router and windows. */
export interface TrayActions {
  toggleRouter(): void;
  copyText(text: string): void;
  openDashboard(): void;
  showError(): void;
  setActiveCombo(name: string): void;
  setOpenAtLogin(enabled: boolean): void;
  viewLogs(): void;
  quit(): void;
}

const statusLabels: Record<RouterStatus, string> = {
  running: 'Router running',
  degraded: 'Router running, some providers failing',
  stopped: 'Router stopped',
  error: 'Router could not start',
};

/** Pure: the tray menu for a state. Electron builds the native menu from this template. */
export function buildTrayMenu(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  const on = state.status === 'running' || state.status === 'degraded';
  const { baseUrl } = state;
  const items: MenuItemConstructorOptions[] = [
    { id: 'status', label: statusLabels[state.status], enabled: false },
    { id: 'router', type: 'checkbox', label: 'Router on', checked: on, click: () => actions.toggleRouter() },
    { type: 'separator' },
    { id: 'copy-base-url', label: baseUrl ? `Copy base URL (${baseUrl})` : 'Copy base URL', enabled: baseUrl !== null, click: () => baseUrl && actions.copyText(baseUrl) },
    state.status === 'error'
      ? { id: 'show-error', label: 'Show what went wrong…', click: () => actions.showError() }
      : { id: 'open-dashboard', label: 'Open dashboard', enabled: on, click: () => actions.openDashboard() },
    {
      id: 'combos',
      label: 'Active combo',
      enabled: state.combos.length > 0,
      submenu: state.combos.map((combo) => ({
        id: `combo:${combo.id}`,
        type: 'radio' as const,
        label: combo.enabled ? combo.name : `${combo.name} (off)`,
        checked: combo.active,
        enabled: combo.enabled,
        click: () => actions.setActiveCombo(combo.name),
      })),
    },
  ];
  if (state.extras.length > 0) {
    items.push({ type: 'separator' });
    for (const extra of state.extras) {
      const { copyText } = extra;
      items.push({ id: extra.id, label: extra.label, enabled: copyText !== undefined, click: () => copyText && actions.copyText(copyText) });
    }
  }
  items.push(
    { type: 'separator' },
    { id: 'open-at-login', type: 'checkbox', label: 'Open at login', checked: state.openAtLogin, click: () => actions.setOpenAtLogin(!state.openAtLogin) },
    { id: 'view-logs', label: 'View logs', click: () => actions.viewLogs() },
    { type: 'separator' },
    { id: 'quit', label: 'Quit OmniRoute', click: () => actions.quit() },
  );
  return items;
}
