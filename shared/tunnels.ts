import { z } from './zod.js';

/**
 * Tunnels (`/api/tunnels/*`): public HTTPS URLs for the local router through a tunnel daemon the
 * user installed. Shared with the renderer so the dashboard reads the same shape the server sends.
 */

/** The tunnel daemons OmniRoute can drive; each is a row in main/tunnels/tunnel-kinds.ts. */
export const tunnelKindIds = ['cloudflared', 'ngrok', 'tailscale'] as const;
export type TunnelKindId = (typeof tunnelKindIds)[number];

/**
 * `starting`: spawned, waiting for the public URL. `restarting`: the daemon died and the watchdog is
 * bringing it back (after a backoff). `error`: the last start failed, or the restarts ran out.
 */
export type TunnelState = 'stopped' | 'starting' | 'running' | 'restarting' | 'error';

/** One tunnel kind: whether its daemon is installed, and the tunnel's runtime state. */
export interface TunnelStatusDto {
  kind: TunnelKindId;
  /** Human name, e.g. "Cloudflare Quick Tunnel". */
  label: string;
  /** Whether the daemon's executable was found. */
  installed: boolean;
  /** The executable's name, e.g. `cloudflared`. */
  command: string;
  /** Where it was found, or null. */
  commandPath: string | null;
  /** Why it counts as installed or not (which folders were searched when missing). */
  reason: string;
  /** Where to get the daemon when it is missing. */
  installUrl: string;
  /** One line on how to install or set it up. */
  installHint: string;
  state: TunnelState;
  /** True while the state is `running`. */
  running: boolean;
  /** The public base URL, e.g. `https://name.trycloudflare.com`, while running. */
  publicUrl: string | null;
  /** `publicUrl` + `/v1`: what to give an OpenAI-compatible client. */
  apiUrl: string | null;
  /** The local address the daemon forwards to. */
  targetUrl: string | null;
  pid: number | null;
  /** When the current daemon process produced its URL (ISO 8601). */
  startedAt: string | null;
  /** How many times the watchdog restarted the daemon since it was enabled. */
  restarts: number;
  lastError: string | null;
}

/** `POST /api/tunnels/{kind}`, as in the OmniRoute API reference. */
export const tunnelActionSchema = z.strictObject({ action: z.enum(['enable', 'disable']) });
export type TunnelAction = z.infer<typeof tunnelActionSchema>['action'];

/** The answer to `POST /api/tunnels/{kind}`. */
export interface TunnelActionResultDto {
  success: true;
  action: TunnelAction;
  status: TunnelStatusDto;
}
