/**
 * `/api/keys` and their enforcement on the client API, with the official `openai` SDK as the
 * client (plain fetch only for headers the SDK does not send, such as `x-api-key`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { ApiKeyDto, CreatedApiKeyDto } from '../../shared/api-types.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

/** The last chat request an upstream received (background model discovery may come after it). */
function lastChat(upstream: OpenAiSimulator) {
  return upstream.requests.filter((request) => request.path === '/v1/chat/completions').at(-1);
}

const keyFields = ['createdAt', 'id', 'lastUsedAt', 'models', 'name', 'preview'];

describe('/api/keys', () => {
  let router: TestRouter;
  let simulator: OpenAiSimulator;

  before(async () => {
    simulator = await startOpenAiSimulator({ models: ['allowed-1', 'allowed-2', 'other-1'] });
    router = await startRouter();
    await router.addProvider({ name: 'sim', kind: 'openai', baseUrl: simulator.url, apiKey: simulator.apiKey, models: simulator.models });
  });
  after(async () => {
    await router?.close();
    await simulator?.close();
  });

  const createKey = async (body: Record<string, unknown>): Promise<CreatedApiKeyDto> => {
    const response = await router.manage('POST', '/api/keys', body);
    assert.equal(response.status, 201, await response.clone().text());
    return (await response.json()) as CreatedApiKeyDto;
  };
  const requireApiKey = async (on: boolean): Promise<void> => {
    const response = await router.manage('PUT', '/api/settings', { requireApiKey: on });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { requireApiKey: boolean }).requireApiKey, on);
  };
  const sdk = (apiKey: string, extra: ConstructorParameters<typeof OpenAI>[0] = {}): OpenAI =>
    new OpenAI({ baseURL: router.url + '/v1', apiKey, maxRetries: 0, ...extra });
  const chat = (client: OpenAI, model = 'sim/allowed-1') =>
    client.chat.completions.create({ model, messages: [{ role: 'user', content: 'ping' }] });
  const chatWithHeaders = (headers: Record<string, string>): Promise<Response> =>
    fetch(router.url + '/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: 'sim/allowed-1', messages: [{ role: 'user', content: 'ping' }] }),
    });
  const expectUnauthorized = async (request: Promise<unknown>, message: RegExp): Promise<void> => {
    await assert.rejects(request, (error: unknown) => {
      assert.ok(error instanceof OpenAI.AuthenticationError, String(error));
      assert.equal(error.status, 401);
      assert.deepEqual(Object.keys(error.error as object).sort(), ['code', 'message', 'param', 'type']);
      assert.equal(error.type, 'authentication_error');
      assert.equal(error.code, 'unauthorized');
      assert.match(error.message, message);
      assert.match(error.requestID ?? '', /^req_/);
      return true;
    });
  };

  it('returns the full key once, at creation, with a preview', async () => {
    const created = await createKey({ name: 'laptop' });
    assert.deepEqual(Object.keys(created).sort(), [...keyFields, 'key'].sort());
    assert.match(created.id, /^key_/);
    assert.equal(created.name, 'laptop');
    assert.match(created.key, /^sk-omni-[A-Za-z0-9_-]{43}$/);
    assert.equal(created.preview, `${created.key.slice(0, 12)}…${created.key.slice(-4)}`);
    assert.equal(created.models, null);
    assert.equal(created.lastUsedAt, null);
    assert.ok(!Number.isNaN(Date.parse(created.createdAt)));

    const second = await createKey({ name: 'laptop' });
    assert.notEqual(second.key, created.key, 'every key is new');

    const response = await router.manage('GET', '/api/keys');
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.ok(!text.includes(created.key) && !text.includes(second.key), 'a listing never shows a full key');
    const listed = (JSON.parse(text) as { data: ApiKeyDto[] }).data.find((key) => key.id === created.id);
    assert.ok(listed);
    assert.deepEqual(Object.keys(listed).sort(), keyFields);
    const { key: _key, ...withoutKey } = created;
    assert.deepEqual(listed, withoutKey);
  });

  it('records when a key was last used', async () => {
    const created = await createKey({ name: 'usage' });
    assert.equal(created.lastUsedAt, null);
    const before = Date.now();
    await chat(sdk(created.key));
    const listed = async (target: TestRouter) => {
      const response = await target.manage('GET', '/api/keys');
      const { data } = (await response.json()) as { data: { id: string; lastUsedAt: string | null }[] };
      return data.find((entry) => entry.id === created.id);
    };
    const used = await listed(router);
    assert.ok(used?.lastUsedAt, 'lastUsedAt is set after a request');
    assert.ok(Date.parse(used.lastUsedAt) >= before - 1000);
    const untouched = await createKey({ name: 'never-used' });
    const response = await router.manage('GET', '/api/keys');
    const { data } = (await response.json()) as { data: { id: string; lastUsedAt: string | null }[] };
    assert.equal(data.find((entry) => entry.id === untouched.id)?.lastUsedAt, null);
  });

  it('rejects invalid key requests with 400', async () => {
    for (const body of [{}, { name: '' }, { name: 'x', models: [] }, { name: 'x', models: ['ok', ''] }, { name: 'x', key: 'sk-omni-chosen' }]) {
      const response = await router.manage('POST', '/api/keys', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      const error = (await response.json()) as { error: { code: string } };
      assert.equal(error.error.code, 'invalid_request');
    }
  });

  it('accepts any key, or none, while requireApiKey is off', async () => {
    await requireApiKey(false);
    assert.equal((await chat(sdk('not-a-key-we-know'))).choices[0]?.message.content, 'Echo: ping');
    assert.equal((await chat(sdk('unused', { defaultHeaders: { Authorization: null } }))).choices[0]?.message.content, 'Echo: ping');
    const response = await chatWithHeaders({});
    assert.equal(response.status, 200);
  });

  describe('with requireApiKey on', () => {
    let key: CreatedApiKeyDto;
    before(async () => {
      key = await createKey({ name: 'agent' });
      await requireApiKey(true);
    });
    after(() => requireApiKey(false));

    it('refuses a request without a key', async () => {
      const upstreamCalls = simulator.requests.length;
      await expectUnauthorized(chat(sdk('unused', { defaultHeaders: { Authorization: null } })), /Missing API key/);
      const response = await chatWithHeaders({});
      assert.equal(response.status, 401);
      assert.equal(simulator.requests.length, upstreamCalls, 'a refused request never reaches the upstream');
    });

    it('refuses a wrong key, on /v1/models too', async () => {
      await expectUnauthorized(chat(sdk('sk-omni-wrong')), /Invalid API key/);
      await expectUnauthorized(sdk('sk-omni-wrong').models.list(), /Invalid API key/);
    });

    it('accepts the key as a Bearer token', async () => {
      const completion = await chat(sdk(key.key));
      assert.equal(completion.choices[0]?.message.content, 'Echo: ping');
      // The router authenticates upstream with the provider's key, never the client's.
      assert.equal(lastChat(simulator)?.headers.authorization, `Bearer ${simulator.apiKey}`);
    });

    it('accepts the key in x-api-key and x-goog-api-key', async () => {
      for (const header of ['x-api-key', 'x-goog-api-key']) {
        const response = await chatWithHeaders({ [header]: key.key });
        assert.equal(response.status, 200, header);
        const body = (await response.json()) as { choices: { message: { content: string } }[] };
        assert.equal(body.choices[0]?.message.content, 'Echo: ping');
      }
      const refused = await chatWithHeaders({ 'x-api-key': 'sk-omni-wrong' });
      assert.equal(refused.status, 401);
      assert.equal(((await refused.json()) as { error: { type: string } }).error.type, 'authentication_error');
    });

    it('limits a key to its model patterns', async () => {
      const limited = await createKey({ name: 'limited', models: ['sim/allowed*'] });
      assert.deepEqual(limited.models, ['sim/allowed*']);
      const client = sdk(limited.key);
      assert.equal((await chat(client, 'sim/allowed-2')).choices[0]?.message.content, 'Echo: ping');
      // A bare name resolves to sim/allowed-1 and is allowed too.
      assert.equal((await chat(client, 'allowed-1')).model, 'allowed-1');
      for (const model of ['sim/other-1', 'other-1']) {
        await assert.rejects(chat(client, model), (error: unknown) => {
          assert.ok(error instanceof OpenAI.PermissionDeniedError, String(error));
          assert.equal(error.status, 403);
          assert.equal(error.type, 'permission_error');
          assert.equal(error.param, 'model');
          assert.match(error.message, /The API key 'limited' is not allowed to use the model 'sim\/other-1'/);
          return true;
        });
      }
      const ids = (await client.models.list()).data.map((model) => model.id).sort();
      assert.deepEqual(ids, ['sim/allowed-1', 'sim/allowed-2']);
      // An unrestricted key sees everything.
      const all = (await sdk(key.key).models.list()).data.map((model) => model.id).sort();
      assert.deepEqual(all, ['sim/allowed-1', 'sim/allowed-2', 'sim/other-1']);
    });

    it('stops accepting a key once it is deleted', async () => {
      const doomed = await createKey({ name: 'doomed' });
      assert.equal((await chat(sdk(doomed.key))).choices[0]?.message.content, 'Echo: ping');
      const response = await router.manage('DELETE', `/api/keys/${doomed.id}`);
      assert.equal(response.status, 204);
      await expectUnauthorized(chat(sdk(doomed.key)), /Invalid API key/);
      const list = (await (await router.manage('GET', '/api/keys')).json()) as { data: ApiKeyDto[] };
      assert.ok(!list.data.some((entry) => entry.id === doomed.id));
      const again = await router.manage('DELETE', `/api/keys/${doomed.id}`);
      assert.equal(again.status, 404);
      assert.equal(((await again.json()) as { error: { code: string } }).error.code, 'not_found');
    });
  });

  it('still applies a key’s model limits while requireApiKey is off', async () => {
    await requireApiKey(false);
    const limited = await createKey({ name: 'limited-off', models: ['sim/allowed-1'] });
    await assert.rejects(chat(sdk(limited.key), 'sim/allowed-2'), OpenAI.PermissionDeniedError);
    assert.equal((await chat(sdk('anything'), 'sim/allowed-2')).choices[0]?.message.content, 'Echo: ping');
  });
});
