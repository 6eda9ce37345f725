import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startOpenAiSimulator, type OpenAiSimulator, type RespondedRequest } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { allUsageRecords } from '../support/usage-record.js';
import { runAgent } from './run-agent.js';

const gemini = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'gemini');
const secret = 'KIWI-5150';

type Message = { role: string; content?: unknown; tool_call_id?: string };
type Tool = { function?: { name?: string; parameters?: { required?: string[] } } };

/**
 * The real Gemini CLI (`gemini -p`), pointed at the router with GOOGLE_GEMINI_BASE_URL and an
 * OmniRoute API key (it sends `x-goog-api-key`), routed to an OpenAI-family upstream: its
 * streamGenerateContent requests are translated to Chat Completions and the streamed answers back,
 * through one read_file call whose id Gemini CLI must echo in its functionResponse.
 */
describe('Gemini CLI through the router to an OpenAI-family upstream', () => {
  let sim: OpenAiSimulator;
  let router: TestRouter;
  let work: string;
  let key: { id: string; key: string };

  before(async () => {
    sim = await startOpenAiSimulator({ models: ['gpt-4o-mini'] });
    router = await startRouter();
    await router.addProvider({ name: 'up', kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey, models: sim.models });
    const created = await router.manage('POST', '/api/keys', { name: 'gemini-cli' });
    assert.equal(created.status, 201);
    key = (await created.json()) as { id: string; key: string };
    assert.equal((await router.manage('PUT', '/api/settings', { requireApiKey: true })).status, 200);
    work = mkdtempSync(join(tmpdir(), 'omniroute-gemini-'));
    mkdirSync(join(work, 'home', '.gemini'), { recursive: true });
    mkdirSync(join(work, 'project'));
    mkdirSync(join(work, 'tmp'));
    writeFileSync(join(work, 'project', 'hello.txt'), `The secret word is ${secret}.\n`);
    // What `omniroute` writes for Gemini CLI (docs/cli-tools.md): API-key auth, so no Google sign-in.
    writeFileSync(join(work, 'home', '.gemini', 'settings.json'), JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }));
  });
  after(async () => {
    await router.close();
    await sim.close();
    rmSync(work, { recursive: true, force: true });
  });

  const runGemini = (apiKey: string) =>
    runAgent(gemini, ['-p', 'Read hello.txt and tell me the secret word.'], {
      cwd: join(work, 'project'),
      timeoutMs: 90_000,
      env: {
        PATH: process.env.PATH,
        HOME: join(work, 'home'),
        // Gemini CLI writes an error report to the temporary folder; keep it in ours.
        TMPDIR: join(work, 'tmp'),
        GOOGLE_GEMINI_BASE_URL: router.url,
        GEMINI_API_KEY: apiKey,
        GEMINI_MODEL: 'up/gpt-4o-mini',
        // Headless Gemini CLI runs only in a trusted folder.
        GEMINI_CLI_TRUST_WORKSPACE: 'true',
      },
    });

  it('completes a task that needs the read_file tool', async () => {
    sim.respondWith((request: RespondedRequest) => {
      const messages = request.messages as Message[];
      const toolResult = messages.find((message) => message.role === 'tool');
      if (toolResult) return { text: `The file says: ${JSON.stringify(toolResult.content)}` };
      const readFile = (request.tools as Tool[] | undefined)?.find((tool) => tool.function?.name === 'read_file');
      // The path argument under the name this Gemini CLI version declares (`file_path` today).
      const pathParameter = readFile?.function?.parameters?.required?.[0];
      if (pathParameter === undefined) return { text: 'no read_file tool was offered' };
      return { toolCalls: [{ id: 'call_gemini_read_1', name: 'read_file', arguments: JSON.stringify({ [pathParameter]: join(work, 'project', 'hello.txt') }) }], finishReason: 'tool_calls' as const };
    });
    const { stdout } = await runGemini(key.key);
    assert.match(stdout, new RegExp(`The file says: .*${secret}`), `Gemini CLI printed the answer built from the tool result:\n${stdout}`);

    const toolTurn = sim.requests.find((request) => (request.body as { messages: Message[] }).messages.some((message) => message.role === 'tool'));
    assert.ok(toolTurn, 'the tool result reached the upstream');
    const toolMessage = (toolTurn.body as { messages: Message[] }).messages.find((message) => message.role === 'tool');
    assert.equal(toolMessage?.tool_call_id, 'call_gemini_read_1', 'the tool call id survived the round trip');
    assert.match(JSON.stringify(toolMessage?.content), new RegExp(secret));
    assert.ok(sim.requests.every((request) => (request.body as { stream?: boolean }).stream === true), 'Gemini CLI streams every turn');

    const records = (await allUsageRecords(router)).filter((record) => record.clientFormat === 'gemini');
    assert.ok(records.length >= 2, 'both turns were recorded as Gemini-format requests');
    assert.ok(records.every((record) => record.apiKeyId === key.id && record.status === 200), 'under the key Gemini CLI sent');
  });

  it('shows a clear error, and calls no upstream, when its API key is not one of the router\'s', async () => {
    sim.reset();
    await assert.rejects(runGemini('not-an-omniroute-key'), (error: Error) => {
      assert.match(error.message, /"code":401,"message":"Invalid API key\. Use a key created in OmniRoute/, `Gemini CLI reported the router's own 401:\n${error.message}`);
      return true;
    });
    assert.equal(sim.requests.length, 0);
  });
});
