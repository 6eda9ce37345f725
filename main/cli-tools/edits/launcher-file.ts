import type { ConfigFileSpec, RouteTarget } from '../tool-definition.js';
import { inHome } from '../tool-paths.js';
import { launcherScript } from './launcher-script.js';

/**
 * `~/.local/bin/omniroute-<id>`: a launcher that sets a tool's environment variables and execs it
 * (~/.local/bin is on the PATH of most Linux distributions and of macOS users with pipx or uv).
 */
export function launcherFile(id: string, toolName: string, variables: (target: RouteTarget) => Record<string, string>): ConfigFileSpec {
  return {
    path: inHome('.local', 'bin', `omniroute-${id}`),
    format: 'shell',
    edit: (_current, target) => launcherScript(toolName, target.commandPath, variables(target)),
    mode: 0o700,
  };
}
