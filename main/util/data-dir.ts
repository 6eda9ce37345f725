import path from 'node:path';

/** The folder name every OS convention below ends in; the tray app and the CLI must agree on it. */
const APP_NAME = 'OmniRoute Desktop';
/** Linux config folders are conventionally lowercase and space-free. */
const APP_SLUG = 'omniroute-desktop';

/** The facts about the machine the data directory depends on, passed in so tests can vary them. */
export interface DataDirEnvironment {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
}

export interface ResolveDataDirOptions extends DataDirEnvironment {
  /** The value of `--data-dir`, when given. */
  cliValue?: string | undefined;
}

/**
 * The OS convention for an app named "OmniRoute Desktop". Pure: it reads no environment and touches
 * no files, and it joins with the target platform's separator so every branch is testable anywhere.
 */
export function defaultDataDir({ platform, env, homeDir }: DataDirEnvironment): string {
  if (platform === 'win32') {
    // APPDATA is missing under some service accounts and stripped environments; this is its usual value.
    const appData = nonEmpty(env.APPDATA) ?? path.win32.join(homeDir, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_NAME);
  }
  if (platform === 'darwin') {
    return path.posix.join(homeDir, 'Library', 'Application Support', APP_NAME);
  }
  // The XDG Base Directory spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdgConfigHome = nonEmpty(env.XDG_CONFIG_HOME);
  const configHome =
    xdgConfigHome !== undefined && path.posix.isAbsolute(xdgConfigHome)
      ? xdgConfigHome
      : path.posix.join(homeDir, '.config');
  return path.posix.join(configHome, APP_SLUG);
}

/**
 * The data directory to use: `--data-dir` beats `DATA_DIR` beats the OS default. An empty value
 * counts as unset, so `DATA_DIR=` in a shell does not put the database in the working directory.
 */
export function resolveDataDir({ cliValue, ...environment }: ResolveDataDirOptions): string {
  return nonEmpty(cliValue) ?? nonEmpty(environment.env.DATA_DIR) ?? defaultDataDir(environment);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
