import { join } from 'node:path';
import type { ToolEnvironment } from './tool-definition.js';

/** A file under the home folder. */
export function inHome(...parts: string[]): (environment: ToolEnvironment) => string {
  return ({ home }) => join(home, ...parts);
}

/** A file under `$XDG_CONFIG_HOME` (default `~/.config`), where Go and Node CLIs keep config on every OS. */
export function inConfigHome(...parts: string[]): (environment: ToolEnvironment) => string {
  return ({ home, env }) => join(env.XDG_CONFIG_HOME || join(home, '.config'), ...parts);
}
