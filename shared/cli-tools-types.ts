/**
 * `/api/cli-tools` and `/api/acp/agents` DTOs, shared by the server and the renderer. An API key
 * written into a tool's config comes back only in the answer to the apply that sent or created it
 * (`createdKey`, `exportLines`); diffs and instructions show the key's preview instead.
 */

import type { CreatedApiKeyDto } from './api-types.js';

/**
 * How a detected tool is run: `path` (found on the login shell's PATH), `install-dir` (found in a
 * known install folder or version manager that is not on PATH, run by absolute path), `extension`
 * (a VS Code extension, no command), `none` (not found).
 */
export type CliRuntimeMode = 'path' | 'install-dir' | 'extension' | 'none';

/**
 * What `apply` does for a tool: edit its config files (`config-file`), write a launcher script and
 * give export lines because it only reads environment variables (`environment`), or only tell the
 * user what to enter in the tool's own settings screen (`manual`).
 */
export type CliSetupMode = 'config-file' | 'environment' | 'manual';

/** One place a tool was looked for. */
export interface CliProbeDto {
  path: string;
  found: boolean;
}

/** Detection result for one tool, in the seed's shape plus what was probed. */
export interface CliToolStatusDto {
  id: string;
  name: string;
  kind: 'cli' | 'vscode-extension';
  installed: boolean;
  /** The version command ran and exited 0 (always false for extensions and missing tools). */
  runnable: boolean;
  /** The binary name (or extension id) that was found, else the first one looked for. */
  command: string;
  /** Absolute path of the binary or extension folder; null when not found. */
  commandPath: string | null;
  runtimeMode: CliRuntimeMode;
  version: string | null;
  /** Why the tool is not installed or not runnable, or how it was found. */
  reason: string;
  probed: CliProbeDto[];
}

/** One config file a tool's setup touches. */
export interface CliConfigFileDto {
  path: string;
  format: 'json' | 'toml' | 'dotenv' | 'yaml' | 'shell';
  exists: boolean;
  /** The file mentions the router's base URL. */
  pointsAtRouter: boolean;
}

/** `GET /api/cli-tools/{tool}-settings`. */
export interface CliToolSettingsDto extends CliToolStatusDto {
  setupMode: CliSetupMode;
  /** The router's base URL the tool would be pointed at. */
  baseUrl: string;
  config: {
    files: CliConfigFileDto[];
    /** The tool's config points at the router (the file that holds the URL mentions it). */
    pointsAtRouter: boolean;
    /** A backup from an earlier apply exists; `restore` puts it back. */
    backupExists: boolean;
    backupCreatedAt: string | null;
  };
  /** Where the tool has no config file we can edit: what to enter in its settings screen. */
  instructions: string | null;
}

/** `POST /api/cli-tools/{tool}-settings` with `action: "apply"`. */
export interface CliToolApplyResultDto {
  tool: string;
  action: 'apply';
  preview: boolean;
  /** Unified diff of every file, with the API key shown as its preview. */
  diff: string;
  files: string[];
  /**
   * `export NAME='value'` lines for tools that take environment variables, exact (with the key this
   * request sent or created), ready to paste into a shell profile.
   */
  exportLines: string[];
  /** Set when the router created a client API key for this tool (the key itself is shown only here). */
  createdKey: CreatedApiKeyDto | null;
  settings: CliToolSettingsDto;
}

/** `POST /api/cli-tools/{tool}-settings` with `action: "restore"`. */
export interface CliToolRestoreResultDto {
  tool: string;
  action: 'restore';
  restored: { path: string; result: 'restored' | 'deleted' }[];
  settings: CliToolSettingsDto;
}

/** One ACP agent in `GET /api/acp/agents`. */
export interface AcpAgentDto {
  id: string;
  name: string;
  binary: string;
  version: string | null;
  installed: boolean;
  /** How to start the agent over stdio in ACP mode, e.g. `gemini --experimental-acp`. */
  protocol: 'acp';
  args: string[];
  isCustom: boolean;
  commandPath: string | null;
}

export interface AcpAgentsDto {
  agents: AcpAgentDto[];
  summary: { total: number; installed: number; notFound: number; builtIn: number; custom: number };
}
