import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startGeminiSimulator, type GeminiSimulator } from '../support/gemini-simulator.js';
import { startOpenAiSimulator, type OpenAiSimulator, type RespondedRequest } from '../support/openai-simulator.js';
import { startResponsesSimulator, type ResponsesSimulator } from '../support/responses-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { runAgent } from './run-agent.js';

const claude = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'claude');
const secret = 'PINEAPPLE-42';

type Message = { role: string; content?: unknown; tool_call_id?: string };

/** A throwaway HOME and project folder holding `files`. */
function workspace(files: Record<string, string>): string {
  const work = mkdtempSync(join(tmpdir(), 'omniroute-claude-'));
  mkdirSync(join(work, 'home'));
  mkdirSync(join(work, 'project'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(work, 'project', name), text);
  return work;
}

/** `claude -p <prompt>` in the workspace's project, pointed at the router and using `model` throughout. */
function runClaude(work: string, routerUrl: string, model: string, prompt: string): ReturnType<typeof runAgent> {
  return runAgent(claude, ['-p', prompt], {
    cwd: join(work, 'project'),
    timeoutMs: 90_000,
    env: {
      PATH: process.env.PATH,
      HOME: join(work, 'home'),
      ANTHROPIC_BASE_URL: routerUrl,
      ANTHROPIC_API_KEY: 'sk-ant-any-client-key',
      ANTHROPIC_MODEL: model,
      ANTHROPIC_SMALL_FAST_MODEL: model,
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    },
  });
}

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
    work = workspace({ 'hello.txt': `The secret word is ${secret}.\n` });
  });
  after(async () => {
    await router.close();
    await sim.close();
    rmSync(work, { recursive: true, force: true });
  });

  const askClaude = (model: string) => runClaude(work, router.url, model, 'Read hello.txt and tell me the secret word.');

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
    const { stdout } = await askClaude('up/gpt-4o-mini');
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
    const { stdout } = await askClaude('agent-combo');
    assert.match(stdout, new RegExp(secret), `Claude Code printed the answer:\n${stdout}`);
    const toolTurn = sim.requests.find((request) => (request.body as { messages: Message[] }).messages.some((message) => message.role === 'tool'));
    assert.equal((toolTurn?.body as { messages: Message[] }).messages.find((message) => message.role === 'tool')?.tool_call_id, 'call_read_hello_2');
    const limits = (await (await router.manage('GET', '/api/rate-limits')).json()) as { accounts: { provider: string; failures: number }[] };
    assert.ok((limits.accounts.find((account) => account.provider === 'down')?.failures ?? 0) >= 1, 'the dead target was tried and failed');
  });
});

type GeminiPart = { text?: string; thoughtSignature?: string; functionCall?: { name: string; args: { file_path?: string } }; functionResponse?: { name: string; response: { output?: string } } };
type GeminiContent = { role?: string; parts: GeminiPart[] };

/**
 * Claude Code routed to a Gemini-family upstream whose simulator refuses what Gemini refuses (turn
 * order, the count of responses, schema fields): two parallel Read calls without ids, which Claude
 * Code may answer in either order, must reach Gemini answered in the order of the calls, since
 * Gemini pairs id-less responses with calls by name and position.
 */
describe('Claude Code through the router to a Gemini-family upstream', () => {
  let sim: GeminiSimulator;
  let router: TestRouter;
  let work: string;

  before(async () => {
    sim = await startGeminiSimulator({ models: ['gemini-2.5-flash', 'gemini-3-pro-preview'] });
    router = await startRouter();
    await router.addProvider({ name: 'gem', kind: 'gemini', baseUrl: sim.url, apiKey: sim.apiKey, models: sim.models });
    work = workspace({ 'hello.txt': `The secret word is ${secret}.\n`, 'world.txt': 'The second word is GUAVA-9.\n' });
  });
  after(async () => {
    await router.close();
    await sim.close();
    rmSync(work, { recursive: true, force: true });
  });

  const parallelReads = async (model: string): Promise<GeminiContent[]> => {
    sim.reset();
    sim.respondWith((body) => {
      const contents = body.contents as GeminiContent[];
      const answered = contents.at(-1)?.parts.filter((part) => part.functionResponse) ?? [];
      // As Gemini reads them: the n-th response answers the n-th call.
      if (answered.length > 0) return { text: `Answers in call order: ${answered.map((part) => part.functionResponse?.response.output ?? '').join(' | ')}` };
      const offersRead = JSON.stringify(body.tools ?? []).includes('"name":"Read"');
      const asked = contents.some((content) => content.role === 'user' && JSON.stringify(content.parts).includes('hello.txt'));
      if (!offersRead || !asked) return { text: 'ok' };
      const read = (name: string) => ({ name: 'Read', args: { file_path: join(work, 'project', name) } });
      return { text: 'Reading both files.', functionCalls: [read('hello.txt'), read('world.txt')] };
    });
    const { stdout } = await runClaude(work, router.url, `gem/${model}`, 'Read hello.txt and world.txt and tell me both words.');
    assert.match(stdout, new RegExp(`Answers in call order: .*${secret}.* \\| .*GUAVA-9`, 's'), `the first call got hello.txt, the second world.txt:\n${stdout}`);
    const toolTurn = sim.requests.find((request) => JSON.stringify(request.body).includes('functionResponse'));
    assert.ok(toolTurn, 'the tool results reached Gemini');
    const contents = (toolTurn.body as { contents: GeminiContent[] }).contents;
    const calls = contents.flatMap((content) => content.parts).filter((part) => part.functionCall);
    assert.deepEqual(calls.map((part) => part.functionCall?.args.file_path?.split('/').at(-1)), ['hello.txt', 'world.txt']);
    return contents;
  };

  it('completes a task that needs two parallel Read calls, each answered with its own file', async () => {
    await parallelReads('gemini-2.5-flash');
  });

  it('keeps Gemini 3 working across tool turns: each call goes back with the thought signature Gemini gave it', async () => {
    // Gemini 3 refuses a call sent back without its signature; Claude Code cannot carry one, the router remembers it.
    const contents = await parallelReads('gemini-3-pro-preview');
    const signed = contents.flatMap((content) => content.parts).filter((part) => part.functionCall && part.thoughtSignature);
    assert.equal(signed.length, 1, 'the first of the parallel calls, as Gemini signed it');
    assert.match(signed[0]?.thoughtSignature ?? '', /^sig-/, 'the signature Gemini issued, not the bypass');
  });
});

/**
 * Claude Code routed to an OpenAI Responses upstream (a reasoning model): the reasoning item the
 * model produced before its calls (encrypted) must come back with the call outputs for the model
 * to keep its chain of thought, and Claude Code returns the calls alone: the router puts it back.
 */
describe('Claude Code through the router to an OpenAI Responses upstream', () => {
  let sim: ResponsesSimulator;
  let router: TestRouter;
  let work: string;

  before(async () => {
    sim = await startResponsesSimulator();
    router = await startRouter();
    await router.addProvider({ name: 'rs', kind: 'openai-responses', baseUrl: sim.url, apiKey: sim.apiKey, models: ['gpt-5-codex'] });
    work = workspace({ 'hello.txt': `The secret word is ${secret}.\n` });
  });
  after(async () => {
    await router.close();
    await sim.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('keeps the model\'s encrypted reasoning across the tool turn', async () => {
    type Item = { type: string; call_id?: string; encrypted_content?: string; output?: unknown };
    sim.respondWith((body) => {
      const input = body.input as Item[];
      const output = input.find((item) => item.type === 'function_call_output');
      if (output) return { text: `The file says: ${JSON.stringify(output.output)}` };
      if (!JSON.stringify(body.tools ?? []).includes('"Read"') || !JSON.stringify(input).includes('hello.txt')) return { text: 'ok' };
      return { reasoning: { summary: 'Read the file.', encryptedContent: 'ENC-CLAUDE-1', id: 'rs_claude_1' }, toolCalls: [{ callId: 'call_read_1', name: 'Read', arguments: JSON.stringify({ file_path: join(work, 'project', 'hello.txt') }) }] };
    });
    const { stdout } = await runClaude(work, router.url, 'rs/gpt-5-codex', 'Read hello.txt and tell me the secret word.');
    assert.match(stdout, new RegExp(secret));
    const toolTurn = sim.requests.find((request) => JSON.stringify(request.body).includes('function_call_output'));
    const input = (toolTurn?.body as { input: Item[] }).input;
    const call = input.findIndex((item) => item.type === 'function_call' && item.call_id === 'call_read_1');
    assert.ok(call > 0, 'the call went back');
    assert.deepEqual({ type: input[call - 1]?.type, encrypted: input[call - 1]?.encrypted_content }, { type: 'reasoning', encrypted: 'ENC-CLAUDE-1' }, 'with the reasoning that led to it');
  });
});
