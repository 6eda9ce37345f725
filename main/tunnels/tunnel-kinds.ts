import type { TunnelKindId } from '../../shared/tunnels.js';
import { cloudflaredKind } from './cloudflared-kind.js';
import { ngrokKind } from './ngrok-kind.js';
import { tailscaleKind } from './tailscale-kind.js';
import type { TunnelKind } from './tunnel-kind.js';

/** Every tunnel kind, in the order the dashboard lists them. */
export const tunnelKinds: Readonly<Record<TunnelKindId, TunnelKind>> = {
  cloudflared: cloudflaredKind,
  ngrok: ngrokKind,
  tailscale: tailscaleKind,
};
