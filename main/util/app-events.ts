import { EventEmitter } from 'node:events';

/**
 * Things worth telling the user about outside a request: the desktop app turns them into native
 * notifications and tray state, the headless CLI logs them. Producers never wait for a listener.
 */
export interface AppEventMap {
  /** A budget crossed its warning threshold (`exceeded` once it is used up). */
  'budget-warning': { budgetId: string; keyId: string | null; period: string; spent: number; limit: number; exceeded: boolean };
  /** An upstream rejected an account's credentials; the user has to sign in again or replace the key. */
  'account-auth-failed': { provider: string; accountId: string; status: number; message: string };
  /** A tunnel stopped unexpectedly (`restarting` when the watchdog is bringing it back). */
  'tunnel-down': { tunnel: string; reason: string; restarting: boolean };
  /** The health of the routing targets changed (for the tray's degraded state). */
  'health-changed': { status: 'healthy' | 'degraded' | 'down' };
}

export type AppEventName = keyof AppEventMap;

/** A typed event emitter for AppEventMap. A throwing listener is isolated from the producer. */
export class AppEvents {
  readonly #emitter = new EventEmitter();

  emit<Name extends AppEventName>(name: Name, payload: AppEventMap[Name]): void {
    for (const listener of this.#emitter.listeners(name)) {
      try {
        (listener as (payload: AppEventMap[Name]) => void)(payload);
      } catch {
        // A listener's failure is its own; the request path that emitted must not fail with it.
      }
    }
  }

  /** Returns a function that removes the listener. */
  on<Name extends AppEventName>(name: Name, listener: (payload: AppEventMap[Name]) => void): () => void {
    this.#emitter.on(name, listener);
    return () => this.#emitter.off(name, listener);
  }
}
