import { userInfo } from 'node:os';
import { delimiter } from 'node:path';
import { runCommand } from './run-command.js';

const marker = '__OMNIROUTE_PATH__';

export interface LoginShellPathOptions {
  /** The user's shell (`$SHELL`); on Windows or without one, the process PATH is used as it is. */
  shell: string | undefined;
  /** Environment the shell starts with (HOME matters: it reads the user's profile from there). */
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs?: number;
}

/**
 * The PATH a terminal would have. An app started from the desktop (dock, launcher, tray at login)
 * inherits a minimal PATH without nvm, volta, ~/.local/bin or Homebrew, so tools installed there
 * look missing; an interactive login shell runs the user's profile and knows them.
 * Resolved once and cached; `refresh()` forgets it.
 * @see https://github.com/electron/fiddle/blob/main/src/main/utils/exec.ts
 */
export class LoginShellPath {
  #resolved: Promise<{ entries: string[]; reason: string }> | undefined;

  constructor(private readonly options: LoginShellPathOptions) {}

  /** The entries of the login shell's PATH, then the process's own (deduplicated), and how they were found. */
  resolve(): Promise<{ entries: string[]; reason: string }> {
    return (this.#resolved ??= this.#load());
  }

  refresh(): void {
    this.#resolved = undefined;
  }

  async #load(): Promise<{ entries: string[]; reason: string }> {
    const own = split(this.options.env.PATH);
    const shell = this.options.shell;
    if (!shell || process.platform === 'win32') return { entries: own, reason: 'process PATH (no login shell)' };
    // The markers cut away whatever the profile prints (banners, motd) around the value.
    const result = await runCommand(shell, ['-ilc', `printf '${marker}%s${marker}' "$PATH"`], { env: this.options.env, timeoutMs: this.options.timeoutMs ?? 5000 });
    const match = new RegExp(`${marker}(.*?)${marker}`, 's').exec(result.stdout);
    if (!match?.[1]) return { entries: own, reason: `process PATH (login shell ${shell}: ${result.failure ?? 'printed no PATH'})` };
    return { entries: unique([...split(match[1]), ...own]), reason: `login shell ${shell}` };
  }
}

function split(value: string | undefined): string[] {
  return (value ?? '').split(delimiter).filter((entry) => entry.length > 0);
}

function unique(entries: string[]): string[] {
  return [...new Set(entries)];
}

/** The login shell's PATH for an environment: its SHELL, or the account's shell when unset (a GUI start). */
export function loginShellPathFor(env: Readonly<Record<string, string | undefined>>): LoginShellPath {
  return new LoginShellPath({ shell: env.SHELL || accountShell(), env });
}

function accountShell(): string | undefined {
  if (process.platform === 'win32') return undefined;
  try {
    return userInfo().shell ?? undefined;
  } catch {
    return undefined;
  }
}
