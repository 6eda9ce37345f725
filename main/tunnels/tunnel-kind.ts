import type { TunnelKindId } from '../../shared/tunnels.js';

/** Where the daemon will forward public traffic to: the router's own loopback address. */
export interface TunnelTarget {
  port: number;
  /** e.g. `http://127.0.0.1:20128` */
  url: string;
}

/** What a kind's install folders depend on: the platform, the home folder and the environment. */
export interface InstallFolderContext {
  platform: NodeJS.Platform;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * One tunnel daemon, as data: how to find it, how to start it, how to read its public URL and how
 * to stop it. A vendor's quirk lives in its own row (cloudflared-kind.ts, ngrok-kind.ts, ...).
 */
export interface TunnelKind {
  id: TunnelKindId;
  label: string;
  /** Executable names to look for (on Windows with `.exe` and the other executable suffixes). */
  executables: readonly string[];
  /** Folders installers put the daemon in, searched after PATH and the login shell's PATH. */
  installFolders(context: InstallFolderContext): string[];
  installUrl: string;
  installHint: string;
  /** Arguments for a foreground process that forwards to `target` until it is signalled. */
  args(target: TunnelTarget): string[];
  /** The public URL if this line of the daemon's output (stdout or stderr) announces it. */
  parseUrl(line: string): string | null;
  /** The signal the daemon cleans up on (removing its public endpoint) before exiting. */
  stopSignal: NodeJS.Signals;
}
