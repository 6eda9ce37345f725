import { delimiter, dirname, isAbsolute, join } from 'node:path';
import type { CliToolStatusDto } from '../../shared/cli-tools-types.js';
import { findBinary } from './find-binary.js';
import { runCommand } from './run-command.js';
import type { CliToolDefinition, ToolEnvironment } from './tool-definition.js';
import type { VersionCache } from './version-cache.js';
import { findExtension } from './vscode-extensions.js';

/** Where to look, resolved once per detection round (see CliTools). */
export interface SearchPath {
  /** The login shell's PATH entries. */
  pathEntries: string[];
  /** Known install folders and version managers (install-dirs.ts). */
  installDirs: string[];
  /** How the PATH was obtained, for the reason text. */
  pathSource: string;
  /** Version command results of binaries already run. */
  versions: VersionCache;
}

// Gemini CLI alone takes seconds to print its version on a cold start.
const versionTimeoutMs = 20_000;

/**
 * Probes one tool: finds its binary (login PATH, then its own install folders, then known version
 * managers) or its extension folder, and runs its version command. Never throws: every outcome,
 * including "not found" and "found but does not run", is a status with a reason.
 */
export async function detectTool(tool: CliToolDefinition, environment: ToolEnvironment, search: SearchPath): Promise<CliToolStatusDto> {
  const base = { id: tool.id, name: tool.name, kind: tool.kind };
  if (tool.kind === 'vscode-extension') {
    const found = findExtension(tool.extensionIds, environment.home);
    return {
      ...base,
      installed: found.path !== null,
      runnable: false,
      command: found.id,
      commandPath: found.path,
      runtimeMode: found.path ? 'extension' : 'none',
      version: found.version,
      reason: found.path ? `extension folder ${found.path}` : `no ${tool.extensionIds.join(' or ')} folder in any VS Code extensions directory`,
      probed: found.probed,
    };
  }
  const ownDirs = tool.installDirs.map((dir) => (isAbsolute(dir) ? dir : join(environment.home, dir)));
  const dirs = [...new Set([...search.pathEntries, ...ownDirs, ...search.installDirs])];
  const found = findBinary(tool.binaries, dirs, environment.platform);
  if (!found.path) {
    return {
      ...base,
      installed: false,
      runnable: false,
      command: found.name,
      commandPath: null,
      runtimeMode: 'none',
      version: null,
      reason: `${tool.binaries.join(' / ')} not found on the PATH (${search.pathSource}) nor in ${dirs.length - search.pathEntries.length} known install folders`,
      probed: found.probed,
    };
  }
  const onPath = search.pathEntries.includes(dirname(found.path));
  // A node-based CLI starts with `#!/usr/bin/env node`: its own folder (nvm, volta) holds that node.
  const runPath = [dirname(found.path), ...search.pathEntries].join(delimiter);
  const binary = found.path;
  const result = await search.versions.get(binary, () => runCommand(binary, tool.versionArgs, { env: { ...environment.env, HOME: environment.home, PATH: runPath }, timeoutMs: versionTimeoutMs }));
  const version = result.ok ? parseVersion(result.stdout + '\n' + result.stderr) : null;
  return {
    ...base,
    installed: true,
    runnable: result.ok,
    command: found.name,
    commandPath: found.path,
    runtimeMode: onPath ? 'path' : 'install-dir',
    version,
    reason: result.ok
      ? `found ${onPath ? 'on the PATH' : 'in an install folder not on the PATH'}: ${found.path}`
      : `found ${found.path} but \`${found.name} ${tool.versionArgs.join(' ')}\` failed: ${result.failure}${firstLine(result.stderr)}`,
    probed: found.probed,
  };
}

/** The first dotted version number in a version command's output. */
export function parseVersion(output: string): string | null {
  return /\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?/.exec(output)?.[0] ?? null;
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0]?.trim();
  return line ? ` (${line.slice(0, 200)})` : '';
}
