import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startOpenAiSimulator, type OpenAiSimulator, type RespondedRequest } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { runAgent } from './run-agent.js';

const claude = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'claude');
const secret = 'PINEAPPLE-42';

type Message = { role: string; content?: unknown; tool_call_id?: string };

/**
 * The real Claude Code CLI (`claude -p`), pointed at the router with ANTHROPIC_BASE_URL and routed
 * to an OpenAI-family upstream: its Anthropic requests are translated to Chat Completions and the
 * answers back, and a task that needs one tool call completes.
 */
describe('Claude Code through the router to an OpenAI-family upstream', () => {
  let sim: OpenAiSimulator;
  let router: TestRouter;
  let work: string;

  before(async () => {
    sim = await startOpenAiSimulator({ models: ['gpt-4o-mini'] });
    router = await startRouter();
    await router.addProvider({ name: 'up', kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey, models: sim.models });
    work = mkdtempSync(join(tmpdir(), 'omniroute-claude-'));
    mkdirSync(join(work, 'home'));
    mkdirSync(join(work, 'project'));
    writeFileSync(join(work, 'project', 'hello.txt'), `The secret word is ${secret}.\n`);
  });
  after(async () => {
    await router.close();
    await sim.close();
    rmSync(work, { recursive: true, force: true });
  });

  const runClaude = (model: string) =>
    runAgent(claude, ['-p', 'Read hello.txt and tell me the secret word.'], {
      cwd: join(work, 'project'),
      timeoutMs: 90_000,
      env: {
        PATH: process.env.PATH,
        HOME: join(work, 'home'),
        ANTHROPIC_BASE_URL: router.url,
        ANTHROPIC_API_KEY: 'sk-ant-any-client-key',
        ANTHROPIC_MODEL: model,
        ANTHROPIC_SMALL_FAST_MODEL: model,
        DISABLE_TELEMETRY: '1',
        DISABLE_AUTOUPDATER: '1',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      },
    });

  /** Asks for Read on hello.txt when the user asked about it, then answers from the tool result. */
  const readHelloResponder = (callId: string) => (request: RespondedRequest) => {
    const messages = request.messages as Message[];
    const toolResult = messages.find((message) => message.role === 'tool');
    if (toolResult) return { text: `The file says: ${JSON.stringify(toolResult.content)}` };
    const offersRead = (request.tools ?? []).some((tool) => (tool as { function?: { name?: string } }).function?.name === 'Read');
    // Claude Code may end the conversation with a system message of its own: look at the user's.
    const asked = messages.some((message) => message.role === 'user' && JSON.stringify(message.content).includes('hello.txt'));
    if (offersRead && asked) {
      return { toolCalls: [{ id: callId, name: 'Read', arguments: JSON.stringify({ file_path: join(work, 'project', 'hello.txt') }) }], finishReason: 'tool_calls' as const };
    }
    return { text: 'ok' };
  };

  it('completes a task that needs the Read tool', async () => {
    // Claude Code also sends side requests (titles, summaries): the answer depends on the request.
    sim.respondWith(readHelloResponder('call_read_hello_1'));
    const { stdout } = await runClaude('up/gpt-4o-mini');
    assert.match(stdout, new RegExp(secret), `Claude Code printed the answer built from the tool result:\n${stdout}`);
    const toolTurn = sim.requests.find((request) => (request.body as { messages: Message[] }).messages.some((message) => message.role === 'tool'));
    assert.ok(toolTurn, 'the tool result reached the upstream');
    const toolMessage = (toolTurn.body as { messages: Message[] }).messages.find((message) => message.role === 'tool');
    assert.equal(toolMessage?.tool_call_id, 'call_read_hello_1', 'the tool call id survived the round trip');
    assert.match(JSON.stringify(toolMessage?.content), new RegExp(secret));
  });

  it('keeps working through a combo whose first target is down: every turn falls back, the tool call intact', async () => {
    await router.addProvider({ name: 'down', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-down', models: ['gpt-4o-mini'] });
    const combo = await router.manage('POST', '/api/combos', { name: 'agent-combo', strategy: 'priority', targets: [{ model: 'down/gpt-4o-mini' }, { model: 'up/gpt-4o-mini' }] });
    assert.equal(combo.status, 201);
    sim.reset();
    sim.respondWith(readHelloResponder('call_read_hello_2'));
    const { stdout } = await runClaude('agent-combo');
    assert.match(stdout, new RegExp(secret), `Claude Code printed the answer:\n${stdout}`);
    const toolTurn = sim.requests.find((request) => (request.body as { messages: Message[] }).messages.some((message) => message.role === 'tool'));
    assert.equal((toolTurn?.body as { messages: Message[] }).messages.find((message) => message.role === 'tool')?.tool_call_id, 'call_read_hello_2');
    const limits = (await (await router.manage('GET', '/api/rate-limits')).json()) as { accounts: { provider: string; failures: number }[] };
    assert.ok((limits.accounts.find((account) => account.provider === 'down')?.failures ?? 0) >= 1, 'the dead target was tried and failed');
  });
});
