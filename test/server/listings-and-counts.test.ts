import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { Ollama } from 'ollama';
import { startAnthropicSimulator } from '../support/anthropic-simulator.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

/** The model listings of the Ollama and Gemini surfaces, and Anthropic's count_tokens, through the real server. */
describe('model listings and token counts in each client format', () => {
  let sim: OpenAiSimulator;
  let router: TestRouter;

  before(async () => {
    sim = await startOpenAiSimulator({ models: ['gpt-4o-mini', 'gpt-4o'] });
    router = await startRouter();
    await router.addProvider({ name: 'up', kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey, models: sim.models });
  });
  after(async () => {
    await router.close();
    await sim.close();
  });

  it('lists the routable models to Ollama clients, and answers show and version', async () => {
    const ollama = new Ollama({ host: router.url });
    const { models } = await ollama.list();
    assert.deepEqual(models.map((model) => model.name).sort(), ['up/gpt-4o', 'up/gpt-4o-mini']);
    const shown = await ollama.show({ model: 'up/gpt-4o-mini' });
    assert.ok(shown.capabilities.includes('tools'));
    const version = await fetch(router.url + '/api/version').then((response) => response.json() as Promise<{ version: string }>);
    assert.match(version.version, /^\d+\.\d+\.\d+$/);
    const missing = await fetch(router.url + '/api/show', { method: 'POST', body: JSON.stringify({ model: 'nowhere/x' }) });
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { error: string }).error, /nowhere\/x/);
  });

  it('lists the routable models to Gemini clients', async () => {
    const ai = new GoogleGenAI({ apiKey: 'any-key', httpOptions: { baseUrl: router.url } });
    const names: string[] = [];
    for await (const model of await ai.models.list()) names.push(model.name ?? '');
    assert.deepEqual(names.map((name) => name.replace(/^models\//, '')).sort(), ['up/gpt-4o', 'up/gpt-4o-mini']);
  });

  it('streams Gemini answers as a JSON array when the client does not ask for SSE', async () => {
    const response = await fetch(`${router.url}/v1beta/models/up/gpt-4o-mini:streamGenerateContent?key=any-key`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'one two three' }] }] }),
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const chunks = JSON.parse(await response.text()) as { candidates?: { content?: { parts?: { text?: string }[] }; finishReason?: string }[] }[];
    assert.ok(Array.isArray(chunks) && chunks.length > 1, 'an array of several GenerateContentResponse objects');
    const text = chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []).map((part) => part.text ?? '').join('');
    assert.equal(text, 'Echo: one two three');
    assert.equal(chunks.at(-1)?.candidates?.[0]?.finishReason, 'STOP');
  });

  it('estimates count_tokens for an upstream that cannot count, and says so', async () => {
    const client = new Anthropic({ baseURL: router.url, apiKey: 'any-key', maxRetries: 0 });
    const upstreamCallsBefore = sim.requests.length;
    const short = await client.messages.countTokens({ model: 'up/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    const long = await client.messages.countTokens({ model: 'up/gpt-4o-mini', messages: [{ role: 'user', content: 'hello world '.repeat(200) }] });
    assert.ok(short.input_tokens > 0);
    assert.ok(long.input_tokens > short.input_tokens * 10, `${long.input_tokens} vs ${short.input_tokens}`);
    const raw = await fetch(router.url + '/v1/messages/count_tokens', { method: 'POST', body: JSON.stringify({ model: 'up/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }) });
    assert.equal(raw.headers.get('x-omniroute-token-count'), 'estimated');
    assert.equal(sim.requests.length, upstreamCallsBefore, 'nothing went upstream');
  });

  it('an Anthropic upstream that cannot count right now (down) gets the labelled estimate, not a failure', async () => {
    await router.addProvider({ name: 'an-down', kind: 'anthropic', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-ant-down', models: ['claude-sonnet-4-6'] });
    const raw = await fetch(router.url + '/v1/messages/count_tokens', { method: 'POST', body: JSON.stringify({ model: 'an-down/claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi there' }] }) });
    assert.equal(raw.status, 200);
    assert.equal(raw.headers.get('x-omniroute-token-count'), 'estimated');
    assert.ok(((await raw.json()) as { input_tokens: number }).input_tokens > 0);
  });

  it('passes count_tokens through to an Anthropic upstream, which counts exactly', async () => {
    const anthropic = await startAnthropicSimulator({ models: ['claude-sonnet-4-6'] });
    try {
      await router.addProvider({ name: 'an', kind: 'anthropic', baseUrl: anthropic.url, apiKey: anthropic.apiKey, models: anthropic.models });
      const client = new Anthropic({ baseURL: router.url, apiKey: 'any-key', maxRetries: 0 });
      const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'count these words please' }];
      const viaRouter = await client.messages.countTokens({ model: 'an/claude-sonnet-4-6', messages });
      const direct = await new Anthropic({ baseURL: anthropic.origin, apiKey: anthropic.apiKey, maxRetries: 0 }).messages.countTokens({ model: 'claude-sonnet-4-6', messages });
      assert.deepEqual(viaRouter, direct);
      const forwarded = anthropic.requests.find((request) => request.path === '/v1/messages/count_tokens');
      assert.equal((forwarded?.body as { model: string }).model, 'claude-sonnet-4-6');
    } finally {
      await anthropic.close();
    }
  });

  it('answers a count_tokens for an unknown model in Anthropic’s envelope', async () => {
    const client = new Anthropic({ baseURL: router.url, apiKey: 'any-key', maxRetries: 0 });
    const error = await client.messages.countTokens({ model: 'nowhere/x', messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
    assert.ok(error instanceof Anthropic.NotFoundError);
    assert.equal((error.error as { type: string }).type, 'error');
  });
});
