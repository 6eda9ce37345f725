import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError, GoogleGenAI } from '@google/genai';
import { startGeminiSimulator, type GeminiSimulator } from '../support/gemini-simulator.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

describe('POST /v1beta/models/{model}:countTokens', () => {
  let gemini: GeminiSimulator;
  let openai: OpenAiSimulator;
  let router: TestRouter;
  let ai: GoogleGenAI;
  const contents = [{ role: 'user', parts: [{ text: 'count these five words please' }] }];

  before(async () => {
    [gemini, openai] = await Promise.all([startGeminiSimulator({ models: ['gemini-2.5-flash'] }), startOpenAiSimulator({ models: ['gpt-4o'] })]);
    router = await startRouter();
    await router.addProvider({ name: 'gm', kind: 'gemini', baseUrl: gemini.url, apiKey: gemini.apiKey, models: ['gemini-2.5-flash'] });
    await router.addProvider({ name: 'oa', kind: 'openai', baseUrl: openai.url, apiKey: openai.apiKey, models: ['gpt-4o'] });
    ai = new GoogleGenAI({ apiKey: 'any-key', httpOptions: { baseUrl: router.url } });
  });
  after(async () => {
    await router.close();
    await Promise.all([gemini.close(), openai.close()]);
  });

  it('a Gemini upstream counts exactly: passed through with the upstream model', async () => {
    const counted = await ai.models.countTokens({ model: 'gm/gemini-2.5-flash', contents });
    assert.equal(counted.totalTokens, 5);
    const request = gemini.requests.at(-1);
    assert.match(request?.path ?? '', /\/models\/gemini-2\.5-flash:countTokens$/);
  });

  it('another family cannot count: a labelled estimate, in the Gemini shape', async () => {
    const response = await fetch(`${router.url}/v1beta/models/oa/gpt-4o:countTokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'any-key' },
      body: JSON.stringify({ contents }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-omniroute-token-count'), 'estimated');
    const body = (await response.json()) as { totalTokens: number };
    assert.ok(body.totalTokens > 0 && body.totalTokens < 50, `estimate ${body.totalTokens}`);
    const viaSdk = await ai.models.countTokens({ model: 'oa/gpt-4o', contents });
    assert.equal(viaSdk.totalTokens, body.totalTokens);
    assert.equal(openai.requests.length, 0, 'nothing was sent upstream');
  });

  it('a Gemini upstream that is down gets the labelled estimate, not a failure', async () => {
    await router.addProvider({ name: 'gm-down', kind: 'gemini', baseUrl: 'http://127.0.0.1:9/v1beta', apiKey: 'down-key', models: ['gemini-2.5-flash'] });
    const response = await fetch(`${router.url}/v1beta/models/gm-down/gemini-2.5-flash:countTokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'any-key' },
      body: JSON.stringify({ contents }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-omniroute-token-count'), 'estimated');
  });

  it('a body that is not a JSON object is a 400 in the Gemini error envelope', async () => {
    const response = await fetch(`${router.url}/v1beta/models/gm/gemini-2.5-flash:countTokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'any-key' },
      body: '[1, 2]',
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { code: number; status: string; message: string } };
    assert.equal(body.error.code, 400);
    assert.equal(body.error.status, 'INVALID_ARGUMENT');
    assert.match(body.error.message, /JSON object/);
  });

  it('an unknown model is a 404 in the Gemini error envelope', async () => {
    await assert.rejects(ai.models.countTokens({ model: 'nobody/model', contents }), (error: unknown) => error instanceof ApiError && error.status === 404);
  });
});
