import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { firstPingMs } from '../../main/cache/progress.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { recordingFetch } from './recording-fetch.js';

const progress = { 'X-OmniRoute-Progress': 'true' };

/** A raw request that keeps what fetch hides: the body as written and the HTTP trailers. */
function rawPost(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; text: string; trailers: Record<string, string | undefined> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text, trailers: response.trailers }));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

describe('X-OmniRoute-Progress: true', () => {
  let sim: OpenAiSimulator;
  let router: TestRouter;
  const model = 'sim/gpt-4o-mini';

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

  it('an Anthropic stream gets ping events while the upstream is silent; the SDK parses the answer; a cache hit replays it without pings', async () => {
    const body = { model, max_tokens: 50, temperature: 0, stream: true, messages: [{ role: 'user', content: 'slow answer' }] };
    sim.fail({ delayMs: firstPingMs + 800 });
    const raw = await rawPost(router.url + '/v1/messages', body, progress);
    assert.equal(raw.status, 200);
    assert.equal(raw.headers['x-omniroute-progress'], 'enabled');
    assert.match(raw.text, /^event: ping\ndata: \{"type":"ping"\}\n\nevent: message_start\n/, 'a ping came before the answer started');
    assert.match(raw.trailers['x-omniroute-progress'] ?? '', /^ttfb_ms=\d+; duration_ms=\d+; bytes=\d+; pings=1; x-omniroute-provider=sim; x-omniroute-model=sim\/gpt-4o-mini/);

    const client = new Anthropic({ baseURL: router.url, apiKey: 'any', maxRetries: 0 });
    const events = [];
    for await (const event of await client.messages.create({ ...body, stream: true } as Anthropic.MessageCreateParamsStreaming, { headers: progress })) events.push(event.type);
    assert.equal(events[0], 'message_start');
    assert.equal(events.at(-1), 'message_stop');
    assert.equal(sim.requests.length, 1, 'the SDK request was a cache hit');
    const hit = await rawPost(router.url + '/v1/messages', body, progress);
    assert.equal(hit.headers['x-omniroute-cache'], 'HIT');
    // The answer's own ping after message_start is Anthropic's; the progress pings were not stored.
    assert.match(hit.text, /^event: message_start\n/, 'progress pings are not part of the cached answer');
    assert.equal(hit.text.split('event: ping').length, raw.text.split('event: ping').length - 1);
  });

  it('a failure after an early commit reaches the Anthropic SDK as its in-band error event', async () => {
    sim.fail({ delayMs: firstPingMs + 800, status: 400 });
    const client = new Anthropic({ baseURL: router.url, apiKey: 'any', maxRetries: 0 });
    const stream = await client.messages.create({ model, max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'fails late' }] }, { headers: progress });
    await assert.rejects(
      async () => {
        for await (const _event of stream) void _event;
      },
      (error: unknown) => error instanceof Anthropic.APIError && /invalid_request_error/.test(JSON.stringify(error.error)),
    );
  });

  it('other streams carry only the header and the trailer: the OpenAI, Gemini and Ollama SDKs parse them unchanged', async () => {
    const raw = await rawPost(router.url + '/v1/chat/completions', { model, stream: true, messages: [{ role: 'user', content: 'hi' }] }, progress);
    assert.equal(raw.headers['x-omniroute-progress'], 'enabled');
    assert.equal(raw.headers.trailer, 'X-OmniRoute-Progress');
    assert.match(raw.trailers['x-omniroute-progress'] ?? '', /^ttfb_ms=\d+; duration_ms=\d+; bytes=\d+; pings=0$/);
    assert.doesNotMatch(raw.text, /ping|^:/m);

    const recorder = recordingFetch();
    const openai = new OpenAI({ baseURL: router.url + '/v1', apiKey: 'any', maxRetries: 0, fetch: recorder.fetch });
    let text = '';
    for await (const chunk of await openai.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: 'hello there' }] }, { headers: progress })) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, 'Echo: hello there');
    assert.equal(recorder.last().get('x-omniroute-progress'), 'enabled');

    const ai = new GoogleGenAI({ apiKey: 'any', httpOptions: { baseUrl: router.url, headers: progress } });
    let gemini = '';
    for await (const chunk of await ai.models.generateContentStream({ model, contents: 'gemini here' })) gemini += chunk.text ?? '';
    assert.equal(gemini, 'Echo: gemini here');

    const ollama = new Ollama({ host: router.url, headers: progress });
    let local = '';
    for await (const part of await ollama.chat({ model, stream: true, messages: [{ role: 'user', content: 'ollama here' }] })) local += part.message.content;
    assert.equal(local, 'Echo: ollama here');
  });

  it('a JSON answer carries the header and nothing else changes', async () => {
    const raw = await rawPost(router.url + '/v1/chat/completions', { model, messages: [{ role: 'user', content: 'json' }] }, progress);
    assert.equal(raw.headers['x-omniroute-progress'], 'enabled');
    assert.equal(raw.headers.trailer, undefined);
    assert.equal((JSON.parse(raw.text) as { choices: { message: { content: string } }[] }).choices[0]?.message.content, 'Echo: json');
  });
});
