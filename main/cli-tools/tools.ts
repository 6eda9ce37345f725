import { editAiderConfig } from './edits/aider-config.js';
import { editClaudeSettings } from './edits/claude-settings.js';
import { editCodexConfig } from './edits/codex-config.js';
import { editCrushConfig } from './edits/crush-config.js';
import { editDroidSettings } from './edits/droid-settings.js';
import { editGeminiEnv, editGeminiSettings, geminiVariables } from './edits/gemini-config.js';
import { gooseVariables } from './edits/goose-environment.js';
import { launcherFile } from './edits/launcher-file.js';
import { editOpenClawConfig } from './edits/openclaw-config.js';
import { editOpenCodeConfig } from './edits/opencode-config.js';
import { editQwenEnv, editQwenSettings } from './edits/qwen-config.js';
import { ampInstructions, continueInstructions, openAiCompatibleInstructions } from './manual-instructions.js';
import type { CliToolDefinition } from './tool-definition.js';
import { inConfigHome, inHome } from './tool-paths.js';

const cli = { kind: 'cli', extensionIds: [], versionArgs: ['--version'], installDirs: [] } as const;
const extension = { kind: 'vscode-extension', binaries: [], versionArgs: [], installDirs: [], setupMode: 'manual', files: [] } as const;

/**
 * Every coding tool we detect and set up, keyed by the id used in `/api/cli-tools/{id}-settings`.
 * Paths are those each tool documents (see the `@see` on each edit function).
 */
export const cliTools = {
  claude: {
    ...cli,
    id: 'claude',
    name: 'Claude Code',
    binaries: ['claude'],
    // The native installer puts it in ~/.local/bin; the old "migrate-installer" in ~/.claude/local.
    installDirs: ['.claude/local', '.local/bin'],
    setupMode: 'config-file',
    files: [{ path: inHome('.claude', 'settings.json'), format: 'json', edit: editClaudeSettings }],
  },
  codex: {
    ...cli,
    id: 'codex',
    name: 'Codex CLI',
    binaries: ['codex'],
    setupMode: 'config-file',
    files: [{ path: ({ home, env }) => `${env.CODEX_HOME || `${home}/.codex`}/config.toml`, format: 'toml', edit: editCodexConfig }],
  },
  gemini: {
    ...cli,
    id: 'gemini',
    name: 'Gemini CLI',
    binaries: ['gemini'],
    // Its base URL is read from the environment only (see editGeminiEnv): a launcher is what works in every folder.
    setupMode: 'environment',
    files: [
      { path: inHome('.gemini', '.env'), format: 'dotenv', edit: editGeminiEnv },
      { path: inHome('.gemini', 'settings.json'), format: 'json', edit: editGeminiSettings },
      launcherFile('gemini', 'Gemini CLI', geminiVariables),
    ],
    exports: geminiVariables,
  },
  opencode: {
    ...cli,
    id: 'opencode',
    name: 'OpenCode',
    binaries: ['opencode'],
    installDirs: ['.opencode/bin'],
    setupMode: 'config-file',
    files: [{ path: inConfigHome('opencode', 'opencode.json'), format: 'json', edit: editOpenCodeConfig }],
  },
  qwen: {
    ...cli,
    id: 'qwen',
    name: 'Qwen Code',
    binaries: ['qwen'],
    setupMode: 'config-file',
    files: [
      { path: inHome('.qwen', '.env'), format: 'dotenv', edit: editQwenEnv },
      { path: inHome('.qwen', 'settings.json'), format: 'json', edit: editQwenSettings },
    ],
  },
  cline: { ...extension, id: 'cline', name: 'Cline', extensionIds: ['saoudrizwan.claude-dev'], instructions: openAiCompatibleInstructions('Cline') },
  roo: { ...extension, id: 'roo', name: 'Roo Code', extensionIds: ['rooveterinaryinc.roo-cline'], instructions: openAiCompatibleInstructions('Roo Code') },
  kilo: { ...extension, id: 'kilo', name: 'Kilo Code', extensionIds: ['kilocode.kilo-code'], instructions: openAiCompatibleInstructions('Kilo Code') },
  continue: { ...extension, id: 'continue', name: 'Continue', extensionIds: ['continue.continue'], instructions: continueInstructions },
  aider: {
    ...cli,
    id: 'aider',
    name: 'Aider',
    binaries: ['aider'],
    setupMode: 'config-file',
    files: [{ path: inHome('.aider.conf.yml'), format: 'yaml', edit: editAiderConfig }],
  },
  droid: {
    ...cli,
    id: 'droid',
    name: 'Factory Droid',
    binaries: ['droid'],
    installDirs: ['.factory/bin'],
    setupMode: 'config-file',
    files: [{ path: inHome('.factory', 'settings.json'), format: 'json', edit: editDroidSettings }],
  },
  crush: {
    ...cli,
    id: 'crush',
    name: 'Crush',
    binaries: ['crush'],
    setupMode: 'config-file',
    files: [{ path: inConfigHome('crush', 'crush.json'), format: 'json', edit: editCrushConfig }],
  },
  goose: {
    ...cli,
    id: 'goose',
    name: 'Goose',
    binaries: ['goose'],
    setupMode: 'environment',
    files: [launcherFile('goose', 'Goose', gooseVariables)],
    exports: gooseVariables,
  },
  amp: { ...cli, id: 'amp', name: 'Amp', binaries: ['amp'], installDirs: ['.amp/bin'], setupMode: 'manual', files: [], instructions: ampInstructions },
  openclaw: {
    ...cli,
    id: 'openclaw',
    name: 'OpenClaw',
    binaries: ['openclaw'],
    setupMode: 'config-file',
    files: [{ path: inHome('.openclaw', 'openclaw.json'), format: 'json', edit: editOpenClawConfig }],
  },
} satisfies Record<string, CliToolDefinition>;

export type CliToolId = keyof typeof cliTools;

/** The tool with this id, or undefined (never a prototype property such as `constructor`). */
export function findCliTool(id: string): CliToolDefinition | undefined {
  return Object.hasOwn(cliTools, id) ? (cliTools as Record<string, CliToolDefinition>)[id] : undefined;
}
