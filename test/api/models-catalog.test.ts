/** `GET /api/models/catalog` against the real router, with providers on the OpenAI simulator. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ModelCatalogDto } from '../../shared/api-types.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

describe('GET /api/models/catalog', () => {
  let router: TestRouter;
  let sim: OpenAiSimulator;

  before(async () => {
    sim = await startOpenAiSimulator({ models: ['gpt-4o-mini', 'text-embedding-3-small', 'gpt-image-1', 'house-model'] });
    router = await startRouter();
  });
  after(async () => {
    await router.close();
    await sim.close();
  });

  it('lists every model by provider with its type, source and price, then aliases and combos', async () => {
    await router.addProvider({ name: 'oa', kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey, models: ['gpt-4o-mini'] });
    // Learns the rest from the upstream's list.
    const discovered = await router.addProvider({ name: 'disc', kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey });
    assert.equal((await router.manage('GET', `/api/providers/${discovered.id}/models`)).status, 200);
    const off = await router.addProvider({ name: 'claude', kind: 'anthropic', baseUrl: 'http://127.0.0.1:9/v1', models: ['claude-sonnet-4-5'] });
    assert.equal((await router.manage('PUT', `/api/providers/${off.id}`, { enabled: false })).status, 200);
    assert.equal((await router.manage('POST', '/api/models/alias', { alias: 'fast', model: 'oa/gpt-4o-mini' })).status, 201);
    assert.equal((await router.manage('POST', '/api/combos', { name: 'coding', strategy: 'priority', targets: [{ model: 'oa/gpt-4o-mini' }, { model: 'claude/claude-sonnet-4-5' }] })).status, 201);

    const response = await router.manage('GET', '/api/models/catalog');
    assert.equal(response.status, 200);
    const catalog = (await response.json()) as ModelCatalogDto;
    const byProvider = Object.fromEntries(catalog.providers.map((provider) => [provider.provider, provider]));
    assert.deepEqual(Object.keys(byProvider).sort(), ['claude', 'disc', 'oa']);

    const oa = byProvider.oa!;
    assert.deepEqual({ kind: oa.kind, family: oa.family, enabled: oa.enabled }, { kind: 'openai', family: 'openai', enabled: true });
    const mini = oa.models.find((model) => model.model === 'gpt-4o-mini');
    assert.deepEqual({ ...mini, price: mini?.price === null ? null : 'priced' }, { id: 'oa/gpt-4o-mini', model: 'gpt-4o-mini', type: 'chat', source: 'configured', hidden: false, price: 'priced' });
    assert.ok((mini?.price?.input ?? 0) > 0 && (mini?.price?.output ?? 0) > (mini?.price?.input ?? 0));

    const types = Object.fromEntries(byProvider.disc!.models.map((model) => [model.model, [model.type, model.source]]));
    assert.deepEqual(types, {
      'gpt-4o-mini': ['chat', 'discovered'],
      'text-embedding-3-small': ['embedding', 'discovered'],
      'gpt-image-1': ['image', 'discovered'],
      'house-model': ['chat', 'discovered'],
    });
    assert.equal(byProvider.disc!.models.find((model) => model.model === 'house-model')?.price, null, 'no price is made up');

    assert.deepEqual({ enabled: byProvider.claude!.enabled, family: byProvider.claude!.family, types: byProvider.claude!.models.map((model) => model.type) }, { enabled: false, family: 'anthropic', types: ['chat'] });
    assert.deepEqual(catalog.aliases, [{ alias: 'fast', model: 'oa/gpt-4o-mini' }]);
    assert.deepEqual(catalog.combos, [{ name: 'coding', strategy: 'priority', enabled: true, targets: ['oa/gpt-4o-mini', 'claude/claude-sonnet-4-5'] }]);
  });

  it('needs the management token', async () => {
    assert.equal((await fetch(`${router.url}/api/models/catalog`)).status, 401);
  });
});
