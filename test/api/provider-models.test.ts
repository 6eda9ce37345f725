import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { ModelCatalogDto, ProviderModelDto } from '../../shared/api-types.js';
import { acrossRestart } from '../support/across-restart.js';
import { expectJson } from '../support/management-error.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { waitUntil } from '../support/wait-until.js';

describe('/api/provider-models: add, hide, show and remove a provider\'s models', () => {
  let simulator: OpenAiSimulator;
  let router: TestRouter;
  let client: OpenAI;

  before(async () => {
    simulator = await startOpenAiSimulator({ models: ['gpt-4o-mini', 'gpt-4o', 'o3-mini'] });
    router = await startRouter();
    // No models given: the provider's own list is fetched (discovered) in the background.
    await router.addProvider({ name: 'sim', kind: 'openai', baseUrl: simulator.url, apiKey: simulator.apiKey });
    await waitUntil('the model list is discovered', async () => (await listed()).length === 3);
    client = new OpenAI({ baseURL: `${router.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  });
  after(async () => {
    await router?.close();
    await simulator?.close();
  });

  const listed = async (): Promise<ProviderModelDto[]> => (await expectJson<{ data: ProviderModelDto[] }>(await router.manage('GET', '/api/provider-models?provider=sim'), 200)).data;
  const clientList = async (): Promise<string[]> => (await client.models.list()).data.map((model) => model.id).filter((id) => id.startsWith('sim/'));

  it('lists the discovered models, none hidden', async () => {
    assert.deepEqual(
      (await listed()).map((model) => [model.id, model.source, model.hidden]),
      [
        ['sim/gpt-4o-mini', 'discovered', false],
        ['sim/gpt-4o', 'discovered', false],
        ['sim/o3-mini', 'discovered', false],
      ],
    );
  });

  it('hides a model from the lists clients read, yet routes it when asked for by name; shows it again', async () => {
    const hidden = await expectJson<ProviderModelDto>(await router.manage('PATCH', '/api/provider-models', { provider: 'sim', model: 'o3-mini', hidden: true }), 200);
    assert.deepEqual(hidden, { id: 'sim/o3-mini', provider: 'sim', model: 'o3-mini', source: 'discovered', hidden: true });
    assert.deepEqual(await clientList(), ['sim/gpt-4o-mini', 'sim/gpt-4o']);
    const tags = (await (await fetch(`${router.url}/api/tags`)).json()) as { models: { name: string }[] };
    assert.ok(!tags.models.some((model) => model.name === 'sim/o3-mini'), "and from Ollama's list");
    const catalog = await expectJson<ModelCatalogDto>(await router.manage('GET', '/api/models/catalog'), 200);
    assert.equal(catalog.providers[0]?.models.find((model) => model.model === 'o3-mini')?.hidden, true, 'the catalog marks it');
    const answer = await client.chat.completions.create({ model: 'sim/o3-mini', messages: [{ role: 'user', content: 'still there?' }] });
    assert.equal(answer.choices[0]?.message.content, 'Echo: still there?');

    await router.manage('PATCH', '/api/provider-models', { provider: 'sim', model: 'o3-mini', hidden: false });
    assert.deepEqual(await clientList(), ['sim/gpt-4o-mini', 'sim/gpt-4o', 'sim/o3-mini']);
  });

  it('adds a model of your own, refuses it twice, and removes it; a discovered model can only be hidden', async () => {
    const added = await router.manage('POST', '/api/provider-models', { provider: 'sim', model: 'gpt-4o-2024-11-20' });
    assert.equal(added.status, 201);
    assert.deepEqual(await added.json(), { id: 'sim/gpt-4o-2024-11-20', provider: 'sim', model: 'gpt-4o-2024-11-20', source: 'configured', hidden: false });
    assert.ok((await clientList()).includes('sim/gpt-4o-2024-11-20'));
    assert.equal((await router.manage('POST', '/api/provider-models', { provider: 'sim', model: 'gpt-4o-2024-11-20' })).status, 409);

    assert.equal((await router.manage('DELETE', '/api/provider-models?provider=sim&model=gpt-4o-2024-11-20')).status, 204);
    assert.ok(!(await clientList()).includes('sim/gpt-4o-2024-11-20'));
    const discovered = await router.manage('DELETE', '/api/provider-models?provider=sim&model=gpt-4o');
    assert.equal(discovered.status, 409);
    assert.match(await discovered.text(), /hide it instead/);
  });

  it('answers mistakes with a clear 4xx', async () => {
    assert.equal((await router.manage('GET', '/api/provider-models?provider=nobody')).status, 404);
    assert.equal((await router.manage('PATCH', '/api/provider-models', { provider: 'sim', model: 'no-such-model', hidden: true })).status, 404);
    assert.equal((await router.manage('PATCH', '/api/provider-models', { provider: 'sim', model: 'gpt-4o' })).status, 400);
    assert.equal((await router.manage('POST', '/api/provider-models', { provider: 'sim', model: '  ' })).status, 400);
  });
});

describe('hidden models across a restart', () => {
  it('stay hidden', async () => {
    const simulator = await startOpenAiSimulator({ models: ['a', 'b'] });
    try {
      await acrossRestart(
        async (first) => {
          await first.addProvider({ name: 'sim', kind: 'openai', baseUrl: simulator.url, apiKey: simulator.apiKey, models: ['a', 'b'] });
          assert.equal((await first.manage('PATCH', '/api/provider-models', { provider: 'sim', model: 'b', hidden: true })).status, 200);
        },
        async (second) => {
          const models = (await (await fetch(`${second.url}/v1/models`)).json()) as { data: { id: string }[] };
          assert.deepEqual(models.data.map((model) => model.id), ['sim/a']);
        },
      );
    } finally {
      await simulator.close();
    }
  });
});
