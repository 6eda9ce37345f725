import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import type { ResponseCacheSetting } from '../../shared/cache-settings.js';

const ask = (router: TestRouter, content: string) =>
  fetch(router.url + '/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'sim/gpt-4o-mini', temperature: 0, messages: [{ role: 'user', content }] }),
  }).then(async (response) => ({ cache: response.headers.get('x-omniroute-cache'), body: await response.text() }));

async function setCache(router: TestRouter, patch: Partial<ResponseCacheSetting>): Promise<void> {
  const current = (await (await router.manage('GET', '/api/settings')).json()) as { responseCache: ResponseCacheSetting };
  const response = await router.manage('PUT', '/api/settings', { responseCache: { ...current.responseCache, ...patch } });
  assert.equal(response.status, 200, await response.text());
}

describe('response cache tiers', () => {
  let sim: OpenAiSimulator;
  before(async () => {
    sim = await startOpenAiSimulator({ models: ['gpt-4o-mini'] });
  });
  after(() => sim.close());

  it('the SQLite tier serves cached answers after a restart', async () => {
    sim.reset();
    const dataDir = mkdtempSync(join(tmpdir(), 'omniroute-cache-'));
    try {
      const first = await startRouter({ dataDir });
      await first.addProvider({ name: 'sim', kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey, models: ['gpt-4o-mini'] });
      const original = await ask(first, 'persist me');
      assert.equal(original.cache, 'MISS');
      await first.close({ keepDataDir: true });

      const second = await startRouter({ dataDir, secrets: first.secrets });
      try {
        const replayed = await ask(second, 'persist me');
        assert.equal(replayed.cache, 'HIT');
        assert.equal(replayed.body, original.body);
        assert.equal(sim.requests.length, 1);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe('memory bounds (disk tier off)', () => {
    let router: TestRouter;
    before(async () => {
      router = await startRouter();
      await router.addProvider({ name: 'sim', kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey, models: ['gpt-4o-mini'] });
    });
    after(() => router.close());

    it('evicts the least recently used answer beyond maxEntries', async () => {
      await setCache(router, { maxEntries: 2, dbMaxEntries: 0 });
      for (const content of ['e1', 'e2']) assert.equal((await ask(router, content)).cache, 'MISS');
      assert.equal((await ask(router, 'e1')).cache, 'HIT', 'e1 is now the most recently used');
      assert.equal((await ask(router, 'e3')).cache, 'MISS');
      assert.equal((await ask(router, 'e1')).cache, 'HIT');
      assert.equal((await ask(router, 'e2')).cache, 'MISS', 'e2 was evicted');
    });

    it('evicts by bytes', async () => {
      await router.manage('DELETE', '/api/cache/stats');
      // One answer (about 600 bytes with headers) fits in 1 KiB, two do not.
      await setCache(router, { maxEntries: 100, maxBytes: 1024, dbMaxEntries: 0 });
      assert.equal((await ask(router, 'b1')).cache, 'MISS');
      assert.equal((await ask(router, 'b1')).cache, 'HIT');
      assert.equal((await ask(router, 'b2')).cache, 'MISS');
      assert.equal((await ask(router, 'b1')).cache, 'MISS', 'b1 made room for b2');
      const stats = (await (await router.manage('GET', '/api/cache/stats')).json()) as { responseCache: { memorySize: number; memoryBytes: number } };
      assert.equal(stats.responseCache.memorySize, 1);
      assert.ok(stats.responseCache.memoryBytes <= 1024);
    });

    it('caches nothing when disabled, and says nothing about the cache', async () => {
      await setCache(router, { enabled: false, maxBytes: 1 << 20 });
      const first = await ask(router, 'off');
      const second = await ask(router, 'off');
      assert.equal(first.cache, null);
      assert.equal(second.cache, null);
      assert.notEqual(second.body, first.body);
    });
  });
});
