import { join } from 'node:path';
import { defaultHost, parseCli } from '../cli-options.js';

/** Where the desktop app keeps its data and which port its router takes. */
export interface DesktopConfig {
  dataDir: string;
  port: number;
  /** Always loopback: the desktop app never exposes the router to the network by itself. */
  host: string;
  /** The log file the router and the desktop app write to (the error window shows it). */
  logPath: string;
}

/**
 * The same data directory and port the headless CLI would use (`DATA_DIR`, `PORT`, the OS
 * convention), so the tray app and `omniroute serve` share one configuration. `HOST` is ignored.
 */
export function desktopConfig(env: Readonly<Record<string, string | undefined>>): DesktopConfig {
  const parsed = parseCli([], env);
  if (parsed.command !== 'serve') throw new Error('unreachable: no arguments means serve');
  const { dataDir, port } = parsed.options;
  return { dataDir, port, host: defaultHost, logPath: join(dataDir, 'logs', 'omniroute.log') };
}
