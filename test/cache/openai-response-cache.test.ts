import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

describe('response cache on /v1/chat/completions (OpenAI SDK)', () => {
  let sim: OpenAiSimulator;
  let router: TestRouter;
  let client: OpenAI;
  let clock = 1_000_000;

  before(async () => {
    sim = await startOpenAiSimulator({ models: ['gpt-4o-mini'] });
    router = await startRouter({ now: () => clock });
    await router.addProvider({ name: 'sim', kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey, models: ['gpt-4o-mini'] });
    client = new OpenAI({ baseURL: router.url + '/v1', apiKey: 'any-client-key', maxRetries: 0 });
  });
  after(async () => {
    await router.close();
    await sim.close();
  });
  beforeEach(async () => {
    sim.reset();
    await router.manage('DELETE', '/api/cache/stats');
  });

  const ask = (content: string, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}, headers: Record<string, string> = {}) =>
    client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages: [{ role: 'user', content }], temperature: 0, ...extra }, { headers }).withResponse();

  it('answers a repeated temperature-0 request from the cache: same body, no second upstream call', async () => {
    const first = await ask('cache me');
    const second = await ask('cache me');
    assert.equal(first.response.headers.get('x-omniroute-cache'), 'MISS');
    assert.equal(second.response.headers.get('x-omniroute-cache'), 'HIT');
    assert.deepEqual(second.data, first.data, 'the id too: the very same answer');
    assert.equal(second.response.headers.get('x-omniroute-provider'), 'sim');
    assert.equal(second.response.headers.get('x-omniroute-model'), 'sim/gpt-4o-mini');
    assert.notEqual(second.response.headers.get('x-request-id'), first.response.headers.get('x-request-id'));
    assert.equal(sim.requests.length, 1);
  });

  it('keys on the canonical body: key order does not matter, any other difference does', async () => {
    const body = (content: string, order: 'a' | 'b') =>
      order === 'a'
        ? JSON.stringify({ model: 'sim/gpt-4o-mini', temperature: 0, messages: [{ role: 'user', content }] })
        : JSON.stringify({ messages: [{ content, role: 'user' }], temperature: 0, model: 'sim/gpt-4o-mini' });
    const send = (text: string) => fetch(router.url + '/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
    assert.equal((await send(body('order', 'a'))).headers.get('x-omniroute-cache'), 'MISS');
    assert.equal((await send(body('order', 'b'))).headers.get('x-omniroute-cache'), 'HIT');
    assert.equal((await send(body('order!', 'b'))).headers.get('x-omniroute-cache'), 'MISS');
    assert.equal(sim.requests.length, 2);
  });

  it('replays a cached stream as a stream the SDK parses into the same chunks', async () => {
    const collect = async () => {
      const { data, response } = await client.chat.completions
        .create({ model: 'sim/gpt-4o-mini', messages: [{ role: 'user', content: 'stream me please' }], temperature: 0, stream: true, stream_options: { include_usage: true } })
        .withResponse();
      const chunks: OpenAI.ChatCompletionChunk[] = [];
      for await (const chunk of data) chunks.push(chunk);
      return { chunks, response };
    };
    const first = await collect();
    const second = await collect();
    assert.equal(first.response.headers.get('x-omniroute-cache'), 'MISS');
    assert.equal(second.response.headers.get('x-omniroute-cache'), 'HIT');
    assert.match(second.response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.ok(second.chunks.length > 2);
    assert.deepEqual(second.chunks, first.chunks);
    assert.equal(sim.requests.length, 1);
  });

  it('bypasses the cache on X-OmniRoute-No-Cache: true (neither read nor written)', async () => {
    const first = await ask('bypass', {}, { 'X-OmniRoute-No-Cache': 'true' });
    const second = await ask('bypass');
    const third = await ask('bypass', {}, { 'X-OmniRoute-No-Cache': 'true' });
    assert.equal(first.response.headers.get('x-omniroute-cache'), 'BYPASS');
    assert.equal(second.response.headers.get('x-omniroute-cache'), 'MISS', 'the bypassed answer was not stored');
    assert.equal(third.response.headers.get('x-omniroute-cache'), 'BYPASS', 'the stored answer was not read');
    assert.equal(sim.requests.length, 3);
  });

  it('never caches sampled requests (temperature absent or above 0) nor n > 1', async () => {
    for (const extra of [{ temperature: 0.7 }, { temperature: undefined }, { n: 2 }]) {
      const first = await ask('sampled', extra);
      const second = await ask('sampled', extra);
      assert.equal(first.response.headers.get('x-omniroute-cache'), 'BYPASS', JSON.stringify(extra));
      assert.equal(second.response.headers.get('x-omniroute-cache'), 'BYPASS');
      assert.notEqual(second.data.id, first.data.id);
    }
    assert.equal(sim.requests.length, 6);
  });

  it('caches sampled requests too when cacheNonDeterministic is on, but never n > 1', async () => {
    const setting = (await (await router.manage('GET', '/api/settings')).json()) as { responseCache: Record<string, unknown> };
    await router.manage('PUT', '/api/settings', { responseCache: { ...setting.responseCache, cacheNonDeterministic: true } });
    try {
      assert.equal((await ask('any', { temperature: 1 })).response.headers.get('x-omniroute-cache'), 'MISS');
      assert.equal((await ask('any', { temperature: 1 })).response.headers.get('x-omniroute-cache'), 'HIT');
      assert.equal((await ask('any', { n: 2 })).response.headers.get('x-omniroute-cache'), 'BYPASS');
    } finally {
      await router.manage('PUT', '/api/settings', { responseCache: setting.responseCache });
    }
  });

  it('forgets answers after ttlSeconds', async () => {
    await ask('short-lived');
    clock += 3599_000;
    assert.equal((await ask('short-lived')).response.headers.get('x-omniroute-cache'), 'HIT');
    clock += 2_000;
    assert.equal((await ask('short-lived')).response.headers.get('x-omniroute-cache'), 'MISS');
    assert.equal(sim.requests.length, 2);
  });

  it('separates API keys: one key never gets an answer cached for another', async () => {
    const keys = [];
    for (const name of ['cache-a', 'cache-b']) keys.push(((await (await router.manage('POST', '/api/keys', { name })).json()) as { key: string }).key);
    const as = (key: string) => new OpenAI({ baseURL: router.url + '/v1', apiKey: key, maxRetries: 0 });
    const request = { model: 'sim/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'mine' }], temperature: 0 };
    const a = await as(keys[0]!).chat.completions.create(request).withResponse();
    const b = await as(keys[1]!).chat.completions.create(request).withResponse();
    const a2 = await as(keys[0]!).chat.completions.create(request).withResponse();
    assert.deepEqual([a, b, a2].map((r) => r.response.headers.get('x-omniroute-cache')), ['MISS', 'MISS', 'HIT']);
    assert.equal(sim.requests.length, 2);
  });

  it('does not cache a stream that ended with an error event', async () => {
    sim.fail({ cutAfterChunks: 2 });
    const broken = await client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages: [{ role: 'user', content: 'cut short' }], temperature: 0, stream: true });
    await assert.rejects(async () => {
      for await (const _chunk of broken) void _chunk;
    });
    const again = await client.chat.completions
      .create({ model: 'sim/gpt-4o-mini', messages: [{ role: 'user', content: 'cut short' }], temperature: 0, stream: true })
      .withResponse();
    for await (const _chunk of again.data) void _chunk;
    assert.equal(again.response.headers.get('x-omniroute-cache'), 'MISS');
    assert.equal(sim.requests.length, 2);
  });

  it('does not cache a stream the client abandoned', async () => {
    sim.fail({ chunkDelayMs: 200 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'sim/gpt-4o-mini', messages: [{ role: 'user', content: 'one two three four five' }], temperature: 0, stream: true },
      { signal: controller.signal },
    );
    let received = 0;
    // The SDK ends the iteration quietly (or throws, depending on timing) once aborted.
    try {
      for await (const _chunk of stream) {
        received += 1;
        controller.abort();
      }
    } catch {
      // aborted
    }
    assert.equal(received, 1);
    await sim.waitForAborted();
    const again = await ask('one two three four five');
    assert.equal(again.response.headers.get('x-omniroute-cache'), 'MISS');
    const stats = (await (await router.manage('GET', '/api/cache/stats')).json()) as { responseCache: { memorySize: number } };
    assert.equal(stats.responseCache.memorySize, 1, 'only the JSON answer');
  });

  it('reports stats in the seed shape and clears them with DELETE', async () => {
    await ask('stats');
    await ask('stats');
    const stats = (await (await router.manage('GET', '/api/cache/stats')).json()) as Record<string, Record<string, number>>;
    for (const seedField of ['memorySize', 'memoryMaxSize', 'dbSize', 'hitRate']) assert.equal(typeof stats.semanticCache?.[seedField], 'number', seedField);
    assert.equal(stats.semanticCache?.memorySize, 1);
    assert.equal(stats.semanticCache?.memoryMaxSize, 500);
    assert.equal(stats.semanticCache?.dbSize, 1);
    assert.equal(stats.semanticCache?.hitRate, 0.5);
    assert.deepEqual(stats.idempotency, { activeKeys: 0, windowMs: 5000 });
    const cleared = await router.manage('DELETE', '/api/cache/stats');
    assert.equal(cleared.status, 200);
    const after = (await cleared.json()) as Record<string, Record<string, number>>;
    assert.equal(after.semanticCache?.memorySize, 0);
    assert.equal(after.semanticCache?.dbSize, 0);
    assert.equal((await ask('stats')).response.headers.get('x-omniroute-cache'), 'MISS');
    assert.equal((await fetch(router.url + '/api/cache/stats')).status, 401, 'management auth required');
  });
});
