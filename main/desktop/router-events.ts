import type { App } from '../app.js';
import type { AppHost } from '../app-host.js';

/**
 * Runs `attach` for every router the host starts (each restart builds a new context with its own
 * AppEvents), and the function it returns when that router stops.
 */
export function onEachRouter(host: AppHost, attach: (app: App) => () => void): void {
  let detach: (() => void) | undefined;
  const follow = (): void => {
    detach?.();
    detach = host.state.status === 'running' ? attach(host.state.app) : undefined;
  };
  host.onChange(follow);
  follow();
}
