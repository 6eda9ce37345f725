import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { writePrivateFileAtomically } from '../secrets/write-private-file-atomically.js';

/** The name of our entry in the autostart folder. */
const entryName = 'omniroute-desktop.desktop';

/**
 * `$XDG_CONFIG_HOME/autostart/omniroute-desktop.desktop`: Linux desktops start what is listed there
 * at login (Electron's setLoginItemSettings does nothing on Linux).
 *
 * @see https://specifications.freedesktop.org/autostart-spec/latest/
 */
export function autostartEntryPath(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  // A relative XDG_CONFIG_HOME is invalid by the XDG spec and must be ignored.
  const configHome = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(homeDir, '.config');
  return join(configHome, 'autostart', entryName);
}

/** The entry's text: starts the app (hidden, in the tray) with the given executable. */
export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=OmniRoute Desktop',
    'Comment=Local AI API router for coding agents',
    // The string-value escape applies on top of the Exec quoting, so every backslash is doubled.
    `Exec=${command.map(quoteExecArgument).join(' ').replaceAll('\\', '\\\\')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export async function writeAutostartEntry(path: string, command: readonly string[]): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  await writePrivateFileAtomically(path, autostartEntry(command));
}

export function removeAutostartEntry(path: string): void {
  rmSync(path, { force: true });
}

export function hasAutostartEntry(path: string): boolean {
  return existsSync(path);
}

/**
 * Quoting of one Exec argument by the Desktop Entry spec: inside double quotes, `"`, `` ` ``,
 * `$` and `\` take a backslash; `%` is doubled because it starts a field code.
 *
 * @see https://specifications.freedesktop.org/desktop-entry-spec/latest/exec-variables.html
 */
function quoteExecArgument(argument: string): string {
  const escaped = argument.replaceAll('%', '%%');
  if (/^[A-Za-z0-9_./:=+-]+$/.test(escaped)) return escaped;
  return `"${escaped.replace(/["`$\\]/g, (character) => `\\${character}`)}"`;
}
