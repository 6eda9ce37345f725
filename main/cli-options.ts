import { homedir } from 'node:os';
import { resolveDataDir } from './util/data-dir.js';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
}

export type CliCommand =
  | { command: 'serve'; options: ServeOptions }
  /** Checks what `serve` with these options needs, without starting it. */
  | { command: 'doctor'; options: ServeOptions }
  | { command: 'backup'; dataDir: string }
  /** `target`: a backup's name in the data directory, or the path of a database file; absent: list the backups. */
  | { command: 'restore'; dataDir: string; target: string | undefined }
  | { command: 'help' }
  | { command: 'version' };

export const defaultPort = 20128;
export const defaultHost = '127.0.0.1';

export const usage = `Usage: omniroute [serve] [options]
       omniroute doctor [options]
       omniroute backup [--data-dir <dir>]
       omniroute restore [<backup name> | <file.sqlite>] [--data-dir <dir>]

Runs the OmniRoute router (and its dashboard) without the desktop app.
doctor checks what serve needs (data directory, database, keychain, provider keys, port,
proxy, backups) without starting it or changing anything.
backup makes a backup of the database now (also while the router runs).
restore puts a backup (or an exported database file) in place of the current data, after
backing that up; the router must be stopped (the dashboard restores a running one). Without a
name it lists the backups.

Options:
  --port <port>      port to listen on (env PORT; default ${defaultPort})
  --host <host>      address to bind (env HOST; default ${defaultHost}, loopback only)
  --data-dir <dir>   data directory (env DATA_DIR; default: the OS convention)
  -h, --help         show this help
  -v, --version      print the version

Environment:
  OMNIROUTE_ADMIN_TOKEN    management token (default: generated and kept in the OS keychain)
  OMNIROUTE_SECRET_STORE   keychain (default) or file
  OMNIROUTE_SECRETS_KEY    passphrase of the encrypted secrets file (with OMNIROUTE_SECRET_STORE=file)
`;

/** Parses argv (without node and the script); flags beat environment variables. */
export function parseCli(argv: string[], env: Readonly<Record<string, string | undefined>>): CliCommand {
  const args = [...argv];
  const command = args[0] === 'backup' || args[0] === 'restore' || args[0] === 'doctor' ? args[0] : 'serve';
  if (args[0] === 'serve' || command !== 'serve') args.shift();
  const takesServeFlags = command === 'serve' || command === 'doctor';
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  while (args.length > 0) {
    const arg = args.shift() as string;
    if (arg === '-h' || arg === '--help' || arg === 'help') return { command: 'help' };
    if (arg === '-v' || arg === '--version') return { command: 'version' };
    const match = /^--(port|host|data-dir)(?:=(.*))?$/.exec(arg);
    if (command === 'restore' && !arg.startsWith('-') && positional.length === 0) {
      positional.push(arg);
      continue;
    }
    if (!match || (!takesServeFlags && match[1] !== 'data-dir')) throw new Error(`Unknown argument '${arg}'.\n\n${usage}`);
    const value = match[2] ?? args.shift();
    if (value === undefined || value === '') throw new Error(`--${match[1]} needs a value.`);
    flags[match[1] as string] = value;
  }
  if (command === 'backup' || command === 'restore') {
    const dataDir = resolveDataDir({ cliValue: flags['data-dir'], env, platform: process.platform, homeDir: homedir() });
    return command === 'backup' ? { command, dataDir } : { command, dataDir, target: positional[0] };
  }
  const portText = flags.port ?? env.PORT ?? String(defaultPort);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`Invalid port '${portText}': use a number from 0 to 65535.`);
  const host = flags.host ?? env.HOST ?? defaultHost;
  const dataDir = resolveDataDir({ cliValue: flags['data-dir'], env, platform: process.platform, homeDir: homedir() });
  return { command, options: { port, host, dataDir } };
}
