import { homedir } from 'node:os';
import { findBinary } from '../cli-tools/find-binary.js';
import { loginShellPathFor, type LoginShellPath } from '../cli-tools/login-shell-path.js';
import type { TunnelKind } from './tunnel-kind.js';

/** Whether a tunnel daemon is installed, where, and why that is the answer. */
export interface TunnelDetection {
  installed: boolean;
  /** The executable's name, e.g. `cloudflared`. */
  command: string;
  commandPath: string | null;
  reason: string;
  /** Every file checked, in order. */
  probed: string[];
}

/** What detection reads: the environment, and the login shell's PATH (asked once per app). */
export interface DetectionEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  home: string;
  loginShellPath: LoginShellPath;
}

/** `loginShellPath`: shared with CLI-tool detection, so the login shell is asked once per app. */
export function detectionEnvironment(env: Readonly<Record<string, string | undefined>>, loginShellPath: LoginShellPath = loginShellPathFor(env)): DetectionEnvironment {
  return {
    env,
    platform: process.platform,
    home: env.HOME ?? env.USERPROFILE ?? homedir(),
    loginShellPath,
  };
}

/**
 * Looks for the daemon on PATH and the login shell's PATH (a GUI-started app has a shorter one),
 * then in the folders installers use. A probe: it reports, it never throws.
 */
export async function detectTunnelBinary(kind: TunnelKind, environment: DetectionEnvironment): Promise<TunnelDetection> {
  const command = kind.executables[0]!;
  try {
    const folders = [...(await environment.loginShellPath.resolve()).entries, ...kind.installFolders(environment)];
    const search = findBinary(kind.executables, folders, environment.platform);
    const probed = search.probed.map((probe) => probe.path);
    if (search.path) return { installed: true, command, commandPath: search.path, reason: `Found ${search.path}.`, probed };
    return {
      installed: false,
      command,
      commandPath: null,
      reason: `${command} was not found on PATH nor in the usual install folders. ${kind.installHint} Download: ${kind.installUrl}`,
      probed,
    };
  } catch (error) {
    return { installed: false, command, commandPath: null, reason: `Could not look for ${command}: ${(error as Error).message}`, probed: [] };
  }
}
