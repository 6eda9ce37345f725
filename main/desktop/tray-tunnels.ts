import type { TrayExtra } from '../../shared/ipc-contract.js';
import type { AppHost } from '../app-host.js';
import type { TunnelRuntime } from '../tunnels/tunnel-manager.js';
import type { DesktopState } from './desktop-state.js';
import { onEachRouter } from './router-events.js';

/** Pure: one tray line per tunnel that is not stopped; a running one copies its client base URL. */
export function tunnelExtras(runtime: readonly TunnelRuntime[]): TrayExtra[] {
  return runtime
    .filter((tunnel) => tunnel.state !== 'stopped')
    .map((tunnel) =>
      tunnel.state === 'running' && tunnel.publicUrl
        ? { id: `tunnel:${tunnel.kind}`, label: `${tunnel.label}: copy ${tunnel.publicUrl}/v1`, copyText: `${tunnel.publicUrl}/v1` }
        : { id: `tunnel:${tunnel.kind}`, label: `${tunnel.label}: ${tunnel.state}` },
    );
}

/** Keeps the tray's tunnel lines in step with the running router's tunnels. */
export function followTunnels(host: AppHost, state: DesktopState): void {
  onEachRouter(host, (app) => {
    const { tunnels } = app.context;
    const update = (): void => state.setExtras('tunnels', tunnelExtras(tunnels.runtime()));
    update();
    const off = tunnels.onChange(update);
    return () => {
      off();
      state.setExtras('tunnels', []);
    };
  });
}
