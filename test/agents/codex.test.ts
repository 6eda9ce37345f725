import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startAnthropicSimulator, type AnthropicRespondedRequest, type AnthropicSimulator } from '../support/anthropic-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { runAgent } from './run-agent.js';

const codex = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'codex');
const secret = 'MANGO-7731';

type Block = { type: string; text?: string; tool_use_id?: string; content?: unknown };
type Message = { role: string; content: string | Block[] };

/**
 * The real Codex CLI (`codex exec`), configured with a `model_providers` entry on the Responses
 * wire pointing at the router, routed to an Anthropic-family upstream: its Responses requests are
 * translated to Anthropic Messages and the streamed answers back, through one shell tool call,
 * with reasoning on (Anthropic's signed thinking kept through the loop).
 */
describe('Codex CLI through the router to an Anthropic-family upstream', () => {
  let sim: AnthropicSimulator;
  let router: TestRouter;
  let work: string;

  before(async () => {
    sim = await startAnthropicSimulator({ models: ['claude-sonnet-4-6'] });
    router = await startRouter();
    await router.addProvider({ name: 'an', kind: 'anthropic', baseUrl: sim.url, apiKey: sim.apiKey, models: sim.models });
    work = mkdtempSync(join(tmpdir(), 'omniroute-codex-'));
    mkdirSync(join(work, 'home', '.codex'), { recursive: true });
    mkdirSync(join(work, 'project'));
    writeFileSync(join(work, 'project', 'hello.txt'), `The secret word is ${secret}.\n`);
    writeFileSync(
      join(work, 'home', '.codex', 'config.toml'),
      [
        'model = "an/claude-sonnet-4-6"',
        // Reasoning on: Anthropic thinks, and its signed thinking must survive the tool loop.
        'model_reasoning_effort = "medium"',
        'model_provider = "omniroute"',
        '[model_providers.omniroute]',
        'name = "OmniRoute"',
        `base_url = "${router.url}/v1"`,
        'env_key = "OMNIROUTE_API_KEY"',
        'wire_api = "responses"',
        '',
      ].join('\n'),
    );
  });
  after(async () => {
    await router.close();
    await sim.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('completes a task that needs one shell command', async () => {
    sim.respondWith((request: AnthropicRespondedRequest) => {
      const messages = request.messages as Message[];
      const results = messages.flatMap((message) => (Array.isArray(message.content) ? message.content : [])).filter((block) => block.type === 'tool_result');
      if (results.length > 0) return { text: `The command printed: ${JSON.stringify(results.at(-1)?.content)}` };
      const offersShell = (request.tools ?? []).some((tool) => (tool as { name?: string }).name === 'exec_command');
      if (offersShell) return { content: [{ type: 'thinking', thinking: 'I should cat the file.', signature: 'SIG-CODEX-1' }, { type: 'tool_use', id: 'toolu_01CodexCat', name: 'exec_command', input: { cmd: 'cat hello.txt' } }] };
      return { text: 'ok' };
    });
    const { stdout, stderr } = await runAgent(codex, ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', 'Print the secret word in hello.txt.'], {
      cwd: join(work, 'project'),
      timeoutMs: 90_000,
      env: {
        PATH: process.env.PATH,
        HOME: join(work, 'home'),
        CODEX_HOME: join(work, 'home', '.codex'),
        OMNIROUTE_API_KEY: 'any-client-key',
      },
    });
    assert.match(stdout + stderr, new RegExp(`The command printed: .*${secret}`), `Codex showed the answer built from the command's output:\n${stdout}\n${stderr}`);
    const toolTurn = sim.requests.find((request) => JSON.stringify(request.body).includes('"tool_result"'));
    assert.ok(toolTurn, 'the command output reached the upstream as a tool_result');
    assert.match(JSON.stringify(toolTurn.body), /"tool_use_id":"toolu_01CodexCat"/, 'the call id survived the round trip');
    assert.match(JSON.stringify(toolTurn.body), new RegExp(secret));
    // Codex sends the call back without Anthropic's signed thinking; the router puts it back, so thinking stays on.
    const body = toolTurn.body as { thinking?: unknown; messages: Message[] };
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 8192 });
    const assistant = body.messages.findLast((message) => message.role === 'assistant');
    assert.deepEqual((assistant?.content as Block[])[0], { type: 'thinking', thinking: 'I should cat the file.', signature: 'SIG-CODEX-1' });
  });
});
