import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { recordingFetch } from './recording-fetch.js';

/**
 * Every client format, JSON and stream, through its official SDK: the second identical
 * temperature-0 request is answered from the cache (the upstream sees one request) and the SDK
 * parses the replay into exactly what it parsed the first time.
 */
describe('response cache on every chat endpoint (official SDKs)', () => {
  let sim: OpenAiSimulator;
  let router: TestRouter;
  const recorder = recordingFetch();
  const model = 'sim/gpt-4o-mini';
  const content = 'Cache this answer for every format';

  before(async () => {
    sim = await startOpenAiSimulator({ models: ['gpt-4o-mini'] });
    router = await startRouter();
    await router.addProvider({ name: 'sim', kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey, models: ['gpt-4o-mini'] });
  });
  after(async () => {
    await router.close();
    await sim.close();
  });
  beforeEach(() => sim.reset());

  const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
    const items: T[] = [];
    for await (const item of iterable) items.push(item);
    return items;
  };

  const cases: Record<string, (stream: boolean) => Promise<unknown>> = {
    'Anthropic Messages': async (stream) => {
      const client = new Anthropic({ baseURL: router.url, apiKey: 'any', maxRetries: 0, fetch: recorder.fetch });
      const request = { model, max_tokens: 100, temperature: 0, messages: [{ role: 'user' as const, content }] };
      return stream ? collect(await client.messages.create({ ...request, stream: true })) : client.messages.create(request);
    },
    'OpenAI Responses': async (stream) => {
      const client = new OpenAI({ baseURL: router.url + '/v1', apiKey: 'any', maxRetries: 0, fetch: recorder.fetch });
      const request = { model, input: content, temperature: 0, store: false };
      return stream ? collect(await client.responses.create({ ...request, stream: true })) : client.responses.create(request);
    },
    Gemini: async (stream) => {
      const ai = new GoogleGenAI({ apiKey: 'any', httpOptions: { baseUrl: router.url, fetch: recorder.fetch } });
      const request = { model, contents: content, config: { temperature: 0 } };
      const strip = ({ sdkHttpResponse: _headers, ...rest }: { sdkHttpResponse?: unknown }) => rest;
      return stream ? (await collect(await ai.models.generateContentStream(request))).map(strip) : strip(await ai.models.generateContent(request));
    },
    'Ollama chat': async (stream) => {
      const client = new Ollama({ host: router.url, fetch: recorder.fetch });
      const request = { model, messages: [{ role: 'user', content }], options: { temperature: 0 } };
      return stream ? collect(await client.chat({ ...request, stream: true })) : client.chat({ ...request, stream: false });
    },
    'Ollama generate': async (stream) => {
      const client = new Ollama({ host: router.url, fetch: recorder.fetch });
      const request = { model, prompt: content, options: { temperature: 0 } };
      return stream ? collect(await client.generate({ ...request, stream: true })) : client.generate({ ...request, stream: false });
    },
  };

  for (const [name, ask] of Object.entries(cases)) {
    for (const stream of [false, true]) {
      it(`${name}, ${stream ? 'stream' : 'JSON'}: MISS then HIT with the same answer`, async () => {
        const first = await ask(stream);
        assert.equal(recorder.last().get('x-omniroute-cache'), 'MISS');
        const second = await ask(stream);
        assert.equal(recorder.last().get('x-omniroute-cache'), 'HIT');
        assert.equal(recorder.last().get('x-omniroute-provider'), 'sim');
        assert.deepEqual(second, first);
        assert.equal(sim.requests.length, 1, 'the second request never reached the upstream');
        if (stream) assert.ok(Array.isArray(second) && second.length > 2, 'replayed as a stream of events');
      });
    }
  }

  it('Gemini JSON-array stream (no alt=sse): replayed byte for byte, keyed apart from the SSE form', async () => {
    const send = (query: string) =>
      fetch(`${router.url}/v1beta/models/${model}:streamGenerateContent${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': 'any' },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'array form' }] }], generationConfig: { temperature: 0 } }),
      });
    const first = await send('');
    const firstText = await first.text();
    const second = await send('');
    assert.equal(second.headers.get('x-omniroute-cache'), 'HIT');
    assert.equal(await second.text(), firstText);
    assert.ok(Array.isArray(JSON.parse(firstText)));
    const sse = await send('?alt=sse');
    assert.equal(sse.headers.get('x-omniroute-cache'), 'MISS');
    assert.match(await sse.text(), /^data: /);
    assert.equal(sim.requests.length, 2);
  });

  it('Responses requests that read server-side state are never cached', async () => {
    const client = new OpenAI({ baseURL: router.url + '/v1', apiKey: 'any', maxRetries: 0, fetch: recorder.fetch });
    const first = await client.responses.create({ model, input: 'remember me', temperature: 0 });
    for (let index = 0; index < 2; index++) {
      await client.responses.create({ model, input: 'and now?', temperature: 0, previous_response_id: first.id });
      assert.equal(recorder.last().get('x-omniroute-cache'), 'BYPASS');
    }
    assert.equal(sim.requests.length, 3);
  });
});
