/** How patient the tunnel watchdog is. Tests shorten these; users never need to. */
export interface TunnelTimings {
  /** How long a daemon may take to print its public URL. */
  urlTimeoutMs: number;
  /** After the stop signal, how long before SIGKILL. */
  stopGraceMs: number;
  /** The wait before each restart after an unexpected exit; how many there are bounds the attempts. */
  restartDelaysMs: readonly number[];
  /** A daemon that ran at least this long before it died gets the full restart budget again. */
  healthyAfterMs: number;
}

export const defaultTunnelTimings: TunnelTimings = {
  // A quick tunnel usually answers in a few seconds; a cold Tailscale login can take longer.
  urlTimeoutMs: 30_000,
  // cloudflared waits for in-flight requests on SIGTERM (up to its own 30 s grace period).
  stopGraceMs: 5_000,
  restartDelaysMs: [1_000, 2_000, 5_000, 15_000, 30_000],
  healthyAfterMs: 60_000,
};
