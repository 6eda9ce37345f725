import { homedir } from 'node:os';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { CliConfigFileDto, CliToolSettingsDto, CliToolStatusDto } from '../../shared/cli-tools-types.js';
import { GatewayError } from '../errors/gateway-error.js';
import { ConfigBackups, contentHash } from './config-backups.js';
import { planConfigFiles, readIfPresent } from './config-plan.js';
import { detectTool, type SearchPath } from './detect-tool.js';
import { exportLines } from './edits/launcher-script.js';
import { knownInstallDirs } from './install-dirs.js';
import { loginShellPathFor, type LoginShellPath } from './login-shell-path.js';
import { writeFileAtomic } from './atomic-write.js';
import { unifiedDiff } from './unified-diff.js';
import { VersionCache } from './version-cache.js';
import type { CliToolDefinition, RouteTarget, ToolEnvironment } from './tool-definition.js';
import { cliTools } from './tools.js';

export interface CliToolsOptions {
  /** Backups of the users' original configs live under `<dataDir>/cli-tools/backups`. */
  dataDir: string;
  /** HOME, PATH, SHELL and the version managers' variables; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Resolves the PATH a terminal would have; injectable for tests. */
  loginShellPath?: LoginShellPath;
  now?: () => Date;
}

/** What apply needs from the caller; `commandPath` is filled in from detection. */
export type ApplyInput = Omit<RouteTarget, 'commandPath'>;

/** The result of apply before the API adds key handling. */
export interface ApplyOutcome {
  diff: string;
  files: string[];
  exportLines: string[];
  instructions: string | null;
}

/**
 * Detection and one-click setup of coding tools: finds each tool of the registry, reports its
 * config state, and edits its real config files to point at the router (with a backup that
 * restore puts back byte for byte).
 */
export class CliTools {
  readonly environment: ToolEnvironment;
  readonly #login: LoginShellPath;
  readonly #backups: ConfigBackups;
  readonly #now: () => Date;
  readonly #versions = new VersionCache();

  constructor(options: CliToolsOptions) {
    const env = options.env ?? process.env;
    this.environment = { home: env.HOME || homedir(), env, platform: process.platform };
    this.#login = options.loginShellPath ?? loginShellPathFor(env);
    this.#backups = new ConfigBackups(join(options.dataDir, 'cli-tools', 'backups'));
    this.#now = options.now ?? (() => new Date());
  }

  /** Forgets the resolved login-shell PATH and the versions read (after the user installed something). */
  refresh(): void {
    this.#login.refresh();
    this.#versions.clear();
  }

  async list(): Promise<CliToolStatusDto[]> {
    const search = await this.#searchPath();
    return Promise.all(Object.values(cliTools as Record<string, CliToolDefinition>).map((tool) => detectTool(tool, this.environment, search)));
  }

  /** Detects one tool (also used for ACP agents, which are described the same way). */
  async status(tool: CliToolDefinition): Promise<CliToolStatusDto> {
    return detectTool(tool, this.environment, await this.#searchPath());
  }

  /** Status plus config state; `apiKey` (if any) only shapes the instructions text. */
  async settings(tool: CliToolDefinition, target: ApplyInput): Promise<CliToolSettingsDto> {
    const status = await this.status(tool);
    const files: CliConfigFileDto[] = tool.files.map((spec) => {
      const path = spec.path(this.environment);
      const content = readIfPresent(path)?.toString('utf8') ?? null;
      return { path, format: spec.format, exists: content !== null, pointsAtRouter: content !== null && content.includes(target.baseUrl) };
    });
    const backupCreatedAt = this.#backups.createdAt(tool.id);
    return {
      ...status,
      setupMode: tool.setupMode,
      baseUrl: target.baseUrl,
      config: { files, pointsAtRouter: files.some((file) => file.pointsAtRouter), backupExists: backupCreatedAt !== null, backupCreatedAt },
      instructions: tool.instructions ? tool.instructions({ ...target, commandPath: status.commandPath ?? tool.binaries[0] ?? tool.id }) : null,
    };
  }

  /**
   * Edits the tool's config files (or, with `preview`, only computes the diff). Each file's original
   * is backed up before it is first written; unchanged files are neither backed up nor written.
   */
  async apply(tool: CliToolDefinition, input: ApplyInput, options: { preview: boolean }): Promise<ApplyOutcome> {
    const status = await this.status(tool);
    const target: RouteTarget = { ...input, commandPath: status.commandPath ?? tool.binaries[0] ?? tool.id };
    const plans = planConfigFiles(tool, this.environment, target);
    const changed = plans.filter((plan) => plan.changed);
    const outcome: ApplyOutcome = {
      diff: plans.map((plan) => unifiedDiff(plan.path, plan.current === null ? null : plan.current.toString('utf8'), plan.next)).join(''),
      files: plans.map((plan) => plan.path),
      exportLines: tool.exports ? exportLines(tool.exports(target)) : [],
      instructions: tool.instructions ? tool.instructions(target) : null,
    };
    if (options.preview || changed.length === 0) return outcome;
    this.#backups.record(
      tool.id,
      changed.map((plan) => ({ path: plan.path, original: plan.current, mode: plan.mode, next: plan.next })),
      this.#now(),
    );
    for (const plan of changed) writeFileAtomic(plan.path, plan.next, plan.mode);
    return outcome;
  }

  /**
   * Puts every backed-up file back as it was (deleting the ones that did not exist), then drops the
   * backup. A file edited since apply would lose those edits: that needs `force`.
   */
  restore(tool: CliToolDefinition, options: { force: boolean } = { force: false }): { path: string; result: 'restored' | 'deleted' }[] {
    const originals = this.#backups.load(tool.id);
    if (!originals) throw new GatewayError({ code: 'conflict', status: 409, message: `Nothing to restore for ${tool.name}: no backup from an earlier apply.` });
    const edited = originals.filter(({ file }) => file.written !== null && contentHash(readIfPresent(file.path)) !== file.written).map(({ file }) => file.path);
    if (edited.length > 0 && !options.force) {
      throw new GatewayError({ code: 'conflict', status: 409, message: `Changed since apply: ${edited.join(', ')}. Restoring would undo those changes; restore with "force": true to do it anyway.` });
    }
    const restored = originals.map(({ file, content }) => {
      if (content === null) {
        rmSync(file.path, { force: true });
        return { path: file.path, result: 'deleted' as const };
      }
      writeFileAtomic(file.path, content, file.mode);
      return { path: file.path, result: 'restored' as const };
    });
    this.#backups.remove(tool.id);
    return restored;
  }

  async #searchPath(): Promise<SearchPath> {
    const { entries, reason } = await this.#login.resolve();
    return { pathEntries: entries, installDirs: knownInstallDirs(this.environment), pathSource: reason, versions: this.#versions };
  }
}

/** The account's login shell, for apps started without `$SHELL` (some desktop sessions, launchd). */
