/**
 * How the process hosting the router restarts or stops it. The host supplies it (the headless CLI
 * or the desktop app), so `/api/restart`, `/api/shutdown` and the tray take the same code path.
 */
export interface AppLifecycle {
  /** Which host runs the router; the UI shows desktop-only controls in `desktop` mode. */
  readonly mode: 'desktop' | 'headless';
  /** Gracefully closes the router and starts it again on the same port and data directory. */
  restart(): Promise<void>;
  /** Gracefully closes the router, then ends the host (the CLI exits 0, the desktop app quits). */
  shutdown(): Promise<void>;
}
