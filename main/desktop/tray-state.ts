import type { AppHostState } from '../app-host.js';
import type { AppEventMap } from '../util/app-events.js';
import type { TrayCombo, TrayExtra, TrayState } from '../../shared/ipc-contract.js';

/** What the tray state is computed from. */
export interface TrayInputs {
  host: AppHostState;
  health: AppEventMap['health-changed']['status'];
  /** Why the router is not running, as the error window tells it. */
  errorText: string | null;
  openAtLogin: boolean;
  combos: TrayCombo[];
  extras: TrayExtra[];
}

/** Pure: the tray's state from the router's and the desktop's. */
export function trayStateOf(inputs: TrayInputs): TrayState {
  const { host } = inputs;
  const base = { openAtLogin: inputs.openAtLogin, extras: inputs.extras };
  if (host.status === 'running') {
    return {
      ...base,
      status: inputs.health === 'healthy' ? 'running' : 'degraded',
      baseUrl: `${host.url}/v1`,
      error: null,
      combos: inputs.combos,
    };
  }
  return { ...base, status: host.status, baseUrl: null, error: host.status === 'error' ? inputs.errorText : null, combos: [] };
}
