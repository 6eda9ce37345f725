import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

describe('idempotency: Idempotency-Key and X-Request-Id', () => {
  let sim: OpenAiSimulator;
  let router: TestRouter;
  let clock = 1_000_000;
  let sequence = 0;
  const model = 'sim/gpt-4o-mini';
  // Sampled requests: the response cache stays out of these tests.
  const body = (content: string, stream = false) => ({ model, temperature: 0.7, stream, messages: [{ role: 'user', content }] });
  const send = (key: string, payload: unknown, header = 'Idempotency-Key') =>
    fetch(router.url + '/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json', [header]: key }, body: JSON.stringify(payload) });
  const newKey = () => `key-${++sequence}`;

  before(async () => {
    sim = await startOpenAiSimulator({ models: ['gpt-4o-mini'] });
    router = await startRouter({ now: () => clock });
    await router.addProvider({ name: 'sim', kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey, models: ['gpt-4o-mini'] });
  });
  after(async () => {
    await router.close();
    await sim.close();
  });
  beforeEach(() => sim.reset());

  for (const stream of [false, true]) {
    it(`10 concurrent duplicates (${stream ? 'stream' : 'JSON'}) make one upstream call and all get the same answer`, async () => {
      sim.fail({ delayMs: 300 });
      const key = newKey();
      const responses = await Promise.all(Array.from({ length: 10 }, () => send(key, body('once only', stream))));
      const texts = await Promise.all(responses.map((response) => response.text()));
      assert.equal(sim.requests.length, 1);
      assert.deepEqual(new Set(texts).size, 1, 'identical bodies');
      assert.deepEqual(responses.map((response) => response.status), Array(10).fill(200));
      const marked = responses.filter((response) => response.headers.get('x-omniroute-idempotent') === 'true');
      assert.equal(marked.length, 9, 'every duplicate is marked; the first is not');
      for (const response of marked) {
        assert.equal(response.headers.get('content-type'), responses.find((r) => !marked.includes(r))?.headers.get('content-type'));
        assert.equal(response.headers.get('x-omniroute-provider'), 'sim');
      }
      if (stream) assert.match(texts[0] ?? '', /data: \[DONE\]\n\n$/);
    });
  }

  it('a duplicate after the first finished gets the stored answer within the window, and runs again after it', async () => {
    const key = newKey();
    const first = await (await send(key, body('windowed'))).json();
    clock += 4999;
    const duplicate = await send(key, body('windowed'));
    assert.equal(duplicate.headers.get('x-omniroute-idempotent'), 'true');
    assert.deepEqual(await duplicate.json(), first);
    assert.equal(sim.requests.length, 1);
    clock += 2;
    const fresh = await send(key, body('windowed'));
    assert.equal(fresh.headers.get('x-omniroute-idempotent'), null);
    assert.notDeepEqual(await fresh.json(), first);
    assert.equal(sim.requests.length, 2);
  });

  it('X-Request-Id works as the key too, and keys are scoped per API key', async () => {
    const key = newKey();
    await (await send(key, body('by request id'), 'X-Request-Id')).text();
    const duplicate = await send(key, body('by request id'), 'X-Request-Id');
    assert.equal(duplicate.headers.get('x-omniroute-idempotent'), 'true');
    await duplicate.text();
    const created = (await (await router.manage('POST', '/api/keys', { name: 'idempotency-other' })).json()) as { key: string };
    const other = await fetch(router.url + '/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': key, authorization: `Bearer ${created.key}` },
      body: JSON.stringify(body('something else entirely')),
    });
    assert.equal(other.status, 200, 'another client may use the same key for its own request');
    assert.equal(other.headers.get('x-omniroute-idempotent'), null);
    assert.equal(sim.requests.length, 2);
  });

  it('shares a failure with duplicates in flight, but a retry after it runs again', async () => {
    sim.fail({ delayMs: 200, status: 500 });
    const key = newKey();
    const responses = await Promise.all([send(key, body('fails')), send(key, body('fails'))]);
    assert.deepEqual(responses.map((response) => response.status), [500, 500]);
    const [one, two] = await Promise.all(responses.map((response) => response.json()));
    assert.deepEqual(one, two);
    assert.equal(sim.requests.length, 1);
    const retry = await send(key, body('fails'));
    assert.equal(retry.status, 200);
    assert.equal(sim.requests.length, 2);
  });

  it('the same key with a different body is a 409 in each client format’s own envelope, through its SDK', async () => {
    const headers = (key: string) => ({ 'Idempotency-Key': key });
    const k1 = newKey();
    const openai = new OpenAI({ baseURL: router.url + '/v1', apiKey: 'any', maxRetries: 0 });
    await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'a' }] }, { headers: headers(k1) });
    await assert.rejects(openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'b' }] }, { headers: headers(k1) }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.ConflictError);
      assert.equal((error.error as { code?: string }).code, 'conflict');
      return true;
    });

    const k2 = newKey();
    const anthropic = new Anthropic({ baseURL: router.url, apiKey: 'any', maxRetries: 0 });
    await anthropic.messages.create({ model, max_tokens: 50, messages: [{ role: 'user', content: 'a' }] }, { headers: headers(k2) });
    await assert.rejects(anthropic.messages.create({ model, max_tokens: 50, messages: [{ role: 'user', content: 'b' }] }, { headers: headers(k2) }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.ConflictError);
      assert.equal((error.error as { type?: string }).type, 'error');
      return true;
    });

    const k3 = newKey();
    const ai = new GoogleGenAI({ apiKey: 'any', httpOptions: { baseUrl: router.url, headers: headers(k3) } });
    await ai.models.generateContent({ model, contents: 'a' });
    await assert.rejects(ai.models.generateContent({ model, contents: 'b' }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 409);
      assert.match(error.message, /ABORTED/);
      return true;
    });

    const k4 = newKey();
    const ollama = new Ollama({ host: router.url, headers: headers(k4) });
    await ollama.chat({ model, messages: [{ role: 'user', content: 'a' }], stream: false });
    await assert.rejects(ollama.chat({ model, messages: [{ role: 'user', content: 'b' }], stream: false }), (error: unknown) => {
      assert.equal((error as { name?: string }).name, 'ResponseError');
      assert.equal((error as { status_code?: number }).status_code, 409);
      return true;
    });

    const k5 = newKey();
    await openai.responses.create({ model, input: 'a' }, { headers: headers(k5) });
    await assert.rejects(openai.responses.create({ model, input: 'b' }, { headers: headers(k5) }), OpenAI.ConflictError);
    assert.equal(sim.requests.length, 5);
  });

  it('reports active keys and the window in /api/cache/stats', async () => {
    await router.manage('DELETE', '/api/cache/stats');
    await (await send(newKey(), body('counted'))).text();
    const stats = (await (await router.manage('GET', '/api/cache/stats')).json()) as { idempotency: unknown };
    assert.deepEqual(stats.idempotency, { activeKeys: 1, windowMs: 5000 });
  });
});
