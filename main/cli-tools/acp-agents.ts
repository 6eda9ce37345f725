import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AcpAgentDto, AcpAgentsDto } from '../../shared/cli-tools-types.js';
import { GatewayError } from '../errors/gateway-error.js';
import { writeFileAtomic } from './atomic-write.js';
import type { CliTools } from './cli-tools.js';
import type { CliToolDefinition } from './tool-definition.js';

/** An agent that speaks the Agent Client Protocol (JSON-RPC over stdio) when started with `args`. */
export interface AcpAgentDefinition {
  id: string;
  name: string;
  binary: string;
  args: readonly string[];
}

/**
 * Built-in ACP agents: CLIs with an ACP mode of their own, and the adapters that give Claude Code
 * and Codex one (Zed's `claude-code-acp` and `codex-acp`).
 * @see https://agentclientprotocol.com/overview/agents
 */
export const builtInAcpAgents = {
  gemini: { id: 'gemini', name: 'Gemini CLI', binary: 'gemini', args: ['--acp'] },
  qwen: { id: 'qwen', name: 'Qwen Code', binary: 'qwen', args: ['--acp'] },
  'claude-code': { id: 'claude-code', name: 'Claude Code (ACP adapter)', binary: 'claude-code-acp', args: [] },
  codex: { id: 'codex', name: 'Codex (ACP adapter)', binary: 'codex-acp', args: [] },
  goose: { id: 'goose', name: 'Goose', binary: 'goose', args: ['acp'] },
  opencode: { id: 'opencode', name: 'OpenCode', binary: 'opencode', args: ['acp'] },
  openclaw: { id: 'openclaw', name: 'OpenClaw', binary: 'openclaw', args: ['acp'] },
} satisfies Record<string, AcpAgentDefinition>;

/**
 * `/api/acp/agents`: built-in agents plus the user's own, detected like the CLI tools (login
 * shell PATH, install folders, version managers). Detection is cached until `refresh()` or a change
 * to the custom list; custom agents are kept in `<dataDir>/acp-agents.json`.
 */
export class AcpAgents {
  readonly #file: string;
  #cached: Promise<AcpAgentsDto> | undefined;

  constructor(private readonly cliTools: CliTools, dataDir: string) {
    this.#file = join(dataDir, 'acp-agents.json');
  }

  list(): Promise<AcpAgentsDto> {
    return (this.#cached ??= this.#detectAll());
  }

  refresh(): void {
    this.cliTools.refresh();
    this.#cached = undefined;
  }

  add(input: { id?: string | undefined; name: string; binary: string; args: string[] }): AcpAgentDefinition {
    const id = input.id ?? 'custom-' + input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    if (Object.hasOwn(builtInAcpAgents, id)) throw new GatewayError({ code: 'conflict', status: 409, message: `'${id}' is a built-in ACP agent.` });
    const agent: AcpAgentDefinition = { id, name: input.name, binary: input.binary, args: input.args };
    this.#save([...this.#custom().filter((existing) => existing.id !== id), agent]);
    return agent;
  }

  remove(id: string): boolean {
    const custom = this.#custom();
    const kept = custom.filter((agent) => agent.id !== id);
    if (kept.length === custom.length) return false;
    this.#save(kept);
    return true;
  }

  async #detectAll(): Promise<AcpAgentsDto> {
    const builtIn = Object.values(builtInAcpAgents as Record<string, AcpAgentDefinition>);
    const custom = this.#custom();
    const agents = await Promise.all([...builtIn.map((agent) => this.#detect(agent, false)), ...custom.map((agent) => this.#detect(agent, true))]);
    const installed = agents.filter((agent) => agent.installed).length;
    return { agents, summary: { total: agents.length, installed, notFound: agents.length - installed, builtIn: builtIn.length, custom: custom.length } };
  }

  async #detect(agent: AcpAgentDefinition, isCustom: boolean): Promise<AcpAgentDto> {
    const status = await this.cliTools.status(asToolDefinition(agent));
    return { id: agent.id, name: agent.name, binary: agent.binary, version: status.version, installed: status.installed, protocol: 'acp', args: [...agent.args], isCustom, commandPath: status.commandPath };
  }

  #custom(): AcpAgentDefinition[] {
    try {
      return JSON.parse(readFileSync(this.#file, 'utf8')) as AcpAgentDefinition[];
    } catch {
      return [];
    }
  }

  #save(agents: AcpAgentDefinition[]): void {
    writeFileAtomic(this.#file, JSON.stringify(agents, null, 2) + '\n', 0o600);
    this.#cached = undefined;
  }
}

/** An agent is detected like a CLI tool with nothing to set up. */
function asToolDefinition(agent: AcpAgentDefinition): CliToolDefinition {
  const absolute = agent.binary.includes('/');
  return {
    id: agent.id,
    name: agent.name,
    kind: 'cli',
    binaries: [absolute ? agent.binary.slice(agent.binary.lastIndexOf('/') + 1) : agent.binary],
    extensionIds: [],
    versionArgs: ['--version'],
    installDirs: absolute ? [agent.binary.slice(0, agent.binary.lastIndexOf('/'))] : [],
    setupMode: 'manual',
    files: [],
  };
}
