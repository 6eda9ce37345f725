import { readFileSync, realpathSync, statSync } from 'node:fs';
import { GatewayError } from '../errors/gateway-error.js';
import { ConfigEditError } from './config-edit-error.js';
import type { CliToolDefinition, ConfigFileSpec, RouteTarget, ToolEnvironment } from './tool-definition.js';

/** One config file as it is now and as apply would leave it. */
export interface PlannedFile {
  spec: ConfigFileSpec;
  /** The file apply writes: a symlinked config (dotfile managers) is edited where it really lives. */
  path: string;
  current: Buffer | null;
  next: string;
  /** The mode to write with: the file's own, else the spec's (owner-only by default). */
  mode: number;
  changed: boolean;
}

/** Reads every config file of a tool and computes its edited text, without writing anything. */
export function planConfigFiles(tool: CliToolDefinition, environment: ToolEnvironment, target: RouteTarget): PlannedFile[] {
  return tool.files.map((spec) => {
    const path = resolveRealPath(spec.path(environment));
    const current = readIfPresent(path);
    const currentText = current === null ? null : current.toString('utf8');
    let next: string;
    try {
      next = spec.edit(currentText, target);
    } catch (error) {
      if (!(error instanceof ConfigEditError)) throw error;
      throw error.kind === 'input'
        ? new GatewayError({ code: 'invalid_request', status: 400, message: error.message })
        : new GatewayError({ code: 'conflict', status: 409, message: error.message });
    }
    const mode = current === null ? (spec.mode ?? 0o600) : statSync(path).mode & 0o7777;
    return { spec, path, current, next, mode, changed: currentText !== next };
  });
}

/** The file's content, or null when it does not exist. */
export function readIfPresent(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function resolveRealPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
