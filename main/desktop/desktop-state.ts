import type { AppHost } from '../app-host.js';
import type { TrayCombo, TrayExtra, TrayState } from '../../shared/ipc-contract.js';
import type { AppEventMap } from '../util/app-events.js';
import { onEachRouter } from './router-events.js';
import { trayStateOf } from './tray-state.js';

/**
 * The desktop's live state: the router host's plus what the desktop tracks itself (health,
 * combos, open at login, extra menu lines). Listeners get the whole new TrayState on every change.
 */
export class DesktopState {
  #health: AppEventMap['health-changed']['status'] = 'healthy';
  #errorText: string | null = null;
  #combos: TrayCombo[] = [];
  readonly #extras = new Map<string, TrayExtra[]>();
  readonly #listeners = new Set<(state: TrayState) => void>();

  constructor(
    private readonly host: AppHost,
    private openAtLogin: boolean,
  ) {
    host.onChange(() => {
      // A new router starts with no failed targets: health is whatever it reports from now on.
      this.#health = 'healthy';
      this.#emit();
    });
  }

  get current(): TrayState {
    return trayStateOf({
      host: this.host.state,
      health: this.#health,
      errorText: this.#errorText,
      openAtLogin: this.openAtLogin,
      combos: this.#combos,
      extras: [...this.#extras.values()].flat(),
    });
  }

  /** Returns a function that removes the listener. */
  onChange(listener: (state: TrayState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  setHealth(health: AppEventMap['health-changed']['status']): void {
    this.#health = health;
    this.#emit();
  }

  setErrorText(text: string | null): void {
    this.#errorText = text;
    this.#emit();
  }

  setCombos(combos: TrayCombo[]): void {
    this.#combos = combos;
    this.#emit();
  }

  setOpenAtLogin(enabled: boolean): void {
    this.openAtLogin = enabled;
    this.#emit();
  }

  /** Replaces the lines one source (e.g. `tunnels`) shows in the tray menu; `[]` removes them. */
  setExtras(source: string, extras: TrayExtra[]): void {
    this.#extras.set(source, extras);
    this.#emit();
  }

  #emit(): void {
    const state = this.current;
    for (const listener of this.#listeners) listener(state);
  }
}

/** The tray turns `degraded` while the running router reports trouble with its targets. */
export function followHealth(host: AppHost, state: DesktopState): void {
  onEachRouter(host, (app) => app.context.events.on('health-changed', ({ status }) => state.setHealth(status)));
}
