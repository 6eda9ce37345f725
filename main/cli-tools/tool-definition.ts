import type { CliConfigFileDto, CliSetupMode } from '../../shared/cli-tools-types.js';

/** Where the router is and how a tool should call it; input to every config edit. */
export interface RouteTarget {
  /** e.g. http://127.0.0.1:20128 (no trailing slash, no /v1). */
  baseUrl: string;
  /** A client API key of the router. */
  apiKey: string;
  /** The main model (`provider/model`, alias or combo); each edit has its own default. */
  model: string | null;
  /** Per-role models for tools that have several (Claude Code: opus, sonnet, haiku, subagent). */
  modelMap: Record<string, string>;
  /** The detected binary, for launcher scripts (the bare name when not found). */
  commandPath: string;
}

/** Folders and environment a tool's config paths are resolved against. */
export interface ToolEnvironment {
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
}

/**
 * One file a tool's setup edits. `edit` turns the current text (null when the file is missing)
 * into the new text; it must keep everything that is not ours and be idempotent.
 */
export interface ConfigFileSpec {
  path: (environment: ToolEnvironment) => string;
  format: CliConfigFileDto['format'];
  edit: (current: string | null, target: RouteTarget) => string;
  /** File mode for a file we create (default 0o600: configs hold the API key). */
  mode?: number;
}

/** One coding tool in the registry (see tools.ts). */
export interface CliToolDefinition {
  id: string;
  name: string;
  kind: 'cli' | 'vscode-extension';
  /** Binary names, in preference order (cli tools). */
  binaries: readonly string[];
  /** VS Code extension ids, publisher.name (extensions). */
  extensionIds: readonly string[];
  /** Arguments that print the version and exit 0. */
  versionArgs: readonly string[];
  /** Extra install folders this tool's own installer uses, relative to home (or absolute). */
  installDirs: readonly string[];
  setupMode: CliSetupMode;
  files: readonly ConfigFileSpec[];
  /** Environment variables for tools that take them; values may contain the key. */
  exports?: (target: RouteTarget) => Record<string, string>;
  /** What to enter in the tool's own settings screen (manual setup). */
  instructions?: (target: RouteTarget) => string;
}
