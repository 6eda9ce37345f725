import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startAnthropicSimulator, type AnthropicSimulator } from '../support/anthropic-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

/**
 * Settings an upstream cannot honour are never dropped silently: the answer names each one in
 * `x-omniroute-warnings` (and the log records it).
 */
describe('translation warnings', () => {
  let sim: AnthropicSimulator;
  let router: TestRouter;
  let client: OpenAI;

  before(async () => {
    sim = await startAnthropicSimulator({ models: ['claude-sonnet-4-6'] });
    router = await startRouter();
    await router.addProvider({ name: 'an', kind: 'anthropic', baseUrl: sim.url, apiKey: sim.apiKey, models: sim.models });
    client = new OpenAI({ baseURL: router.url + '/v1', apiKey: 'any-key', maxRetries: 0 });
  });
  after(async () => {
    await router.close();
    await sim.close();
  });

  it('names what an Anthropic upstream could not take as asked', async () => {
    const { response, data } = await client.chat.completions
      .create({ model: 'an/claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }], seed: 7, temperature: 1.7 })
      .withResponse();
    assert.equal(data.choices[0]?.message.content, 'Echo: hi');
    const warnings = response.headers.get('x-omniroute-warnings') ?? '';
    assert.match(warnings, /max_tokens \d+ was sent/);
    assert.match(warnings, /the seed was not sent/);
    assert.match(warnings, /temperature 1\.7 is above Anthropic's maximum; 1 was sent/);
    const sent = sim.requests.at(-1)?.body as { max_tokens: number; temperature: number; seed?: number };
    assert.equal(sent.temperature, 1);
    assert.equal(sent.seed, undefined);
    assert.ok(sent.max_tokens > 0);
  });

  it('sends no warning header when everything was honoured', async () => {
    const { response } = await client.chat.completions
      .create({ model: 'an/claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }], max_tokens: 100, temperature: 0.5 })
      .withResponse();
    assert.equal(response.headers.get('x-omniroute-warnings'), null);
  });
});
