/**
 * `GET /v1/models` lists provider models, then model aliases and combos, as the official `openai`
 * SDK reads them; wildcard routes and disabled combos are left out, and a key limited to some
 * models sees only those.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { CreatedApiKeyDto, ProviderDto } from '../../shared/api-types.js';
import type { ComboDto } from '../../shared/routing.js';
import { expectJson } from '../support/management-error.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

describe('/v1/models with aliases and combos', () => {
  let router: TestRouter;
  let provider: ProviderDto;
  let combo: ComboDto;

  before(async () => {
    router = await startRouter();
    provider = await router.addProvider({ name: 'alpha', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', models: ['gpt-4o-mini', 'gpt-4o'] });
    await expectJson(await router.manage('POST', '/api/models/alias', { alias: 'mini', model: 'alpha/gpt-4o-mini' }), 201);
    await expectJson(await router.manage('POST', '/api/models/alias', { alias: 'openai/*', model: 'alpha/*' }), 201);
    combo = await expectJson<ComboDto>(await router.manage('POST', '/api/combos', { name: 'team', strategy: 'priority', targets: [{ model: 'mini' }, { model: 'alpha/gpt-4o' }] }), 201);
    await expectJson(await router.manage('POST', '/api/combos', { name: 'parked', strategy: 'random', targets: [{ model: 'alpha/gpt-4o' }], enabled: false }), 201);
  });
  after(() => router?.close());

  it('lists provider models, plain aliases and enabled combos in OpenAI list shape', async () => {
    const client = new OpenAI({ baseURL: `${router.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    const providerCreated = Math.floor(Date.parse(provider.createdAt) / 1000);
    const comboCreated = Math.floor(Date.parse(combo.createdAt) / 1000);
    assert.deepEqual(
      models.map(({ id, object, owned_by }) => ({ id, object, owned_by })),
      [
        { id: 'alpha/gpt-4o-mini', object: 'model', owned_by: 'alpha' },
        { id: 'alpha/gpt-4o', object: 'model', owned_by: 'alpha' },
        { id: 'mini', object: 'model', owned_by: 'omniroute-alias' },
        { id: 'team', object: 'model', owned_by: 'omniroute-combo' },
      ],
    );
    assert.equal(models[0]?.created, providerCreated);
    assert.equal(models[3]?.created, comboCreated);
    assert.ok(models.every((model) => Number.isInteger(model.created) && model.created > 1_600_000_000));
  });

  it('follows changes at once', async () => {
    await expectJson(await router.manage('PUT', `/api/combos/${combo.id}`, { enabled: false }), 200);
    const response = await fetch(`${router.url}/v1/models`);
    const body = (await response.json()) as { object: string; data: { id: string }[] };
    assert.equal(body.object, 'list');
    assert.ok(!body.data.some((model) => model.id === 'team'));
    await expectJson(await router.manage('PUT', `/api/combos/${combo.id}`, { enabled: true }), 200);
  });

  it('shows a key limited to some models only those', async () => {
    const key = await expectJson<CreatedApiKeyDto>(await router.manage('POST', '/api/keys', { name: 'limited', models: ['team', 'alpha/gpt-4o'] }), 201);
    const client = new OpenAI({ baseURL: `${router.url}/v1`, apiKey: key.key, maxRetries: 0 });
    const page = await client.models.list();
    assert.deepEqual(page.data.map((model) => model.id), ['alpha/gpt-4o', 'team']);
  });
});
