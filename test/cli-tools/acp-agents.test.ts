/**
 * The ACP registry's command for Gemini CLI (the real package, detected in an npm prefix) starts
 * an agent that answers the Agent Client Protocol's `initialize` over stdio.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { AcpAgents } from '../../main/cli-tools/acp-agents.js';
import { CliTools } from '../../main/cli-tools/cli-tools.js';
import { LoginShellPath } from '../../main/cli-tools/login-shell-path.js';
import { createFakeHome, type FakeHome } from '../support/fake-home.js';
import { layOutNpmPrefix } from '../support/npm-prefix.js';

/**
 * Sends one JSON-RPC request on the agent's stdin and resolves with the first message it prints.
 * The agent runs in its own process group, killed whole at the end: Gemini CLI relaunches itself
 * as a child process (with a larger heap), which would outlive its parent.
 */
function firstReply(command: string, args: string[], options: { env: Record<string, string>; cwd: string }, request: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'ignore'], detached: true });
    const stop = (): void => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(stop, 60_000);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      stop();
      try {
        resolve(JSON.parse(line));
      } catch (error) {
        reject(error as Error);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => reject(new Error(`${command} exited with ${code ?? signal} before answering`)));
    child.stdin.write(JSON.stringify(request) + '\n');
  });
}

describe('ACP agents', () => {
  let home: FakeHome;
  let agents: AcpAgents;
  let env: Record<string, string>;

  before(() => {
    home = createFakeHome();
    layOutNpmPrefix(home.path('npm-global'), ['@google/gemini-cli']);
    env = { HOME: home.root, PATH: `${home.path('npm-global', 'bin')}:/usr/bin:/bin` };
    agents = new AcpAgents(new CliTools({ dataDir: home.path('data'), env, loginShellPath: new LoginShellPath({ shell: undefined, env }) }), home.path('data'));
  });
  after(() => home.remove());

  it("starts Gemini CLI with the registry's arguments and gets an ACP initialize answer", async () => {
    const gemini = (await agents.list()).agents.find((agent) => agent.id === 'gemini');
    assert.ok(gemini?.installed && gemini.commandPath, 'gemini is detected');
    const reply = (await firstReply(gemini.commandPath, gemini.args, { env, cwd: home.root }, {
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: 1, clientCapabilities: { fs: { readTextFile: false, writeTextFile: false } } },
    })) as { id: number; result?: { protocolVersion: number; authMethods: { id: string }[] } };
    assert.equal(reply.id, 0);
    assert.equal(reply.result?.protocolVersion, 1);
    assert.ok(reply.result.authMethods.some((method) => method.id === 'gemini-api-key'));
  });
});
