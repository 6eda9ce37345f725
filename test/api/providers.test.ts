/**
 * `/api/providers` against the real router: real SQLite, the real keychain, and an OpenAI-format
 * upstream simulator. Client traffic goes through the official `openai` SDK.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { secretNames } from '../../main/gateway/secret-names.js';
import type { ManagementErrorDto, ProviderDto, ProviderModelsDto, ProviderTestResultDto, ProviderValidationDto } from '../../shared/api-types.js';
import { closedPort } from '../support/closed-port.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

/** The last chat request an upstream received (background model discovery may come after it). */
function lastChat(upstream: OpenAiSimulator) {
  return upstream.requests.filter((request) => request.path === '/v1/chat/completions').at(-1);
}

const providerFields = ['accounts', 'baseUrl', 'createdAt', 'discoveredModels', 'enabled', 'family', 'hiddenModels', 'id', 'kind', 'models', 'name', 'updatedAt'];
const accountFields = ['createdAt', 'enabled', 'hasApiKey', 'id', 'label', 'priority'];

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Asserts the management error envelope and returns it. */
async function expectManagementError(response: Response, status: number, code: string, param?: string): Promise<ManagementErrorDto['error']> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  const body = JSON.parse(text) as ManagementErrorDto;
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 0);
  assert.equal(body.error.requestId, response.headers.get('x-request-id'));
  assert.match(body.error.requestId, /^req_[0-9a-f]{32}$/);
  assert.equal(body.error.param, param);
  return body.error;
}

function chat(client: OpenAI, model: string) {
  return client.chat.completions.create({ model, messages: [{ role: 'user', content: 'ping' }] });
}

describe('/api/providers', () => {
  let router: TestRouter;
  let simulator: OpenAiSimulator;
  let client: OpenAI;
  let sequence = 0;
  /** A fresh provider name per test, so tests do not depend on each other's leftovers. */
  const uniqueName = (stem: string): string => `${stem}${++sequence}`;

  before(async () => {
    simulator = await startOpenAiSimulator({ apiKey: 'sk-simulator-providers-test-key' });
    router = await startRouter();
    client = new OpenAI({ baseURL: router.url + '/v1', apiKey: 'any-key', maxRetries: 0 });
  });
  after(async () => {
    await router?.close();
    await simulator?.close();
  });

  const addSimulatorProvider = (name: string, extra: Record<string, unknown> = {}): Promise<ProviderDto> =>
    router.addProvider({ name, kind: 'openai', baseUrl: simulator.url, apiKey: simulator.apiKey, models: ['gpt-4o-mini'], ...extra });

  describe('POST /api/providers', () => {
    it('creates a provider and returns its DTO without the key', async () => {
      const name = uniqueName('created');
      const response = await router.manage('POST', '/api/providers', { name, kind: 'openai', baseUrl: simulator.url + '/', apiKey: simulator.apiKey, models: ['gpt-4o-mini'] });
      const text = await response.text();
      assert.equal(response.status, 201, text);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      assert.ok(!text.includes(simulator.apiKey), 'the API key must not come back');
      const body = JSON.parse(text) as ProviderDto;
      assert.deepEqual(Object.keys(body).sort(), providerFields);
      assert.match(body.id, /^prv_/);
      assert.equal(body.name, name);
      assert.equal(body.kind, 'openai');
      assert.equal(body.family, 'openai');
      assert.equal(body.baseUrl, simulator.url, 'a trailing slash is dropped');
      assert.deepEqual(body.models, ['gpt-4o-mini']);
      assert.equal(body.enabled, true);
      assert.equal(body.accounts.length, 1);
      const [account] = body.accounts;
      assert.deepEqual(Object.keys(account!).sort(), accountFields);
      assert.equal(account!.hasApiKey, true);
      assert.equal(account!.label, 'default');
      assert.ok(!Number.isNaN(Date.parse(body.createdAt)));
      assert.ok(!Number.isNaN(Date.parse(body.updatedAt)));
      // The key is in the keychain under the account's name, not anywhere in the API.
      assert.equal(await router.secrets.get(secretNames.accountKey(account!.id)), simulator.apiKey);
    });

    it('fills family and base URL from a preset kind', async () => {
      // Models are given so no background discovery reaches for the vendor's real host.
      const body = await router.addProvider({ name: uniqueName('groq'), kind: 'groq', apiKey: 'gsk_not-a-real-key', models: ['llama-3.3-70b-versatile'] });
      assert.equal(body.kind, 'groq');
      assert.equal(body.family, 'openai');
      assert.equal(body.baseUrl, 'https://api.groq.com/openai/v1');
      assert.equal((await router.manage('DELETE', `/api/providers/${body.id}`)).status, 204);
    });

    it('rejects an unknown kind with 400 naming the field', async () => {
      const error = await expectManagementError(await router.manage('POST', '/api/providers', { name: uniqueName('x'), kind: 'no-such-kind' }), 400, 'invalid_request', 'kind');
      assert.match(error.message, /Unknown kind 'no-such-kind'/);
      assert.match(error.message, /groq/, 'the message lists the kinds that exist');
    });

    it('rejects a kind that is only an inherited property name', async () => {
      for (const kind of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
        const error = await expectManagementError(await router.manage('POST', '/api/providers', { name: uniqueName('x'), kind }), 400, 'invalid_request', 'kind');
        assert.match(error.message, /^Unknown kind/, kind);
      }
    });

    it('accepts every upstream family as a kind', async () => {
      for (const kind of ['openai', 'anthropic', 'gemini', 'openai-responses', 'ollama']) {
        const created = await router.addProvider({ name: uniqueName(kind), kind, baseUrl: 'http://127.0.0.1:9/v1', models: ['m'] });
        assert.equal(created.family, kind);
      }
    });

    it('rejects a duplicate name with 409', async () => {
      const name = uniqueName('dup');
      await addSimulatorProvider(name);
      const error = await expectManagementError(await router.manage('POST', '/api/providers', { name, kind: 'openai', baseUrl: simulator.url }), 409, 'conflict', 'name');
      assert.match(error.message, new RegExp(`'${name}' already exists`));
    });

    it('answers 409, not a 500, to concurrent creates of one name', async () => {
      const name = uniqueName('race');
      const body = { name, kind: 'openai', baseUrl: simulator.url, apiKey: simulator.apiKey, models: ['gpt-4o-mini'] };
      const responses = await Promise.all([1, 2, 3].map(() => router.manage('POST', '/api/providers', body)));
      const statuses = responses.map((response) => response.status).sort();
      assert.deepEqual(statuses, [201, 409, 409], (await Promise.all(responses.map((response) => response.text()))).join('\n'));
      const list = (await (await router.manage('GET', '/api/providers')).json()) as { data: ProviderDto[] };
      const created = list.data.filter((provider) => provider.name === name);
      assert.equal(created.length, 1);
      assert.equal(await router.secrets.get(secretNames.accountKey(created[0]!.accounts[0]!.id)), simulator.apiKey);
    });

    for (const [what, patch, param] of [
      ['a name with a space', { name: 'bad name' }, 'name'],
      ['a name with a slash', { name: 'a/b' }, 'name'],
      ['an empty name', { name: '' }, 'name'],
      ['a base URL that is no URL', { baseUrl: 'not a url' }, 'baseUrl'],
      ['a base URL of another scheme', { baseUrl: 'ftp://127.0.0.1/v1' }, 'baseUrl'],
      ['models that are not strings', { models: [1] }, 'models[0]'],
      ['an unknown field', { colour: 'blue' }, undefined],
    ] as const) {
      it(`rejects ${what} with 400`, async () => {
        const valid: Record<string, unknown> = { name: uniqueName('valid'), kind: 'openai', baseUrl: simulator.url };
        const response = await router.manage('POST', '/api/providers', { ...valid, ...patch });
        const error = await expectManagementError(response, 400, 'invalid_request', param);
        if (what === 'an unknown field') assert.match(error.message, /colour/);
      });
    }

    it('rejects a missing kind and a body that is not JSON', async () => {
      await expectManagementError(await router.manage('POST', '/api/providers', { name: uniqueName('x') }), 400, 'invalid_request', 'kind');
      const response = await fetch(router.url + '/api/providers', {
        method: 'POST',
        headers: { authorization: `Bearer ${router.adminToken}`, 'content-type': 'application/json' },
        body: '{"name": ',
      });
      await expectManagementError(response, 400, 'invalid_json');
    });
  });

  describe('GET /api/providers', () => {
    it('lists providers and reads one', async () => {
      const created = await addSimulatorProvider(uniqueName('listed'));
      const listResponse = await router.manage('GET', '/api/providers');
      assert.equal(listResponse.status, 200);
      const list = (await listResponse.json()) as { data: ProviderDto[] };
      assert.deepEqual(Object.keys(list), ['data']);
      const listed = list.data.find((provider) => provider.id === created.id);
      assert.ok(listed, 'the new provider is in the list');
      assert.deepEqual({ ...listed, discoveredModels: [] }, { ...created, discoveredModels: [] });

      const oneResponse = await router.manage('GET', `/api/providers/${created.id}`);
      assert.equal(oneResponse.status, 200);
      const one = (await oneResponse.json()) as ProviderDto;
      assert.deepEqual({ ...one, discoveredModels: [] }, { ...created, discoveredModels: [] });
    });

    it('answers 404 for an unknown id', async () => {
      const error = await expectManagementError(await router.manage('GET', '/api/providers/prv_unknown'), 404, 'not_found');
      assert.match(error.message, /prv_unknown/);
      await expectManagementError(await router.manage('PUT', '/api/providers/prv_unknown', { enabled: false }), 404, 'not_found');
      await expectManagementError(await router.manage('DELETE', '/api/providers/prv_unknown'), 404, 'not_found');
      await expectManagementError(await router.manage('POST', '/api/providers/prv_unknown/test'), 404, 'not_found');
      await expectManagementError(await router.manage('GET', '/api/providers/prv_unknown/models'), 404, 'not_found');
      await expectManagementError(await router.manage('POST', '/api/providers/prv_unknown/accounts', {}), 404, 'not_found');
    });
  });

  describe('PUT /api/providers/:id', () => {
    it('renames a provider, which changes its model prefix', async () => {
      const oldName = uniqueName('old');
      const newName = uniqueName('new');
      const created = await addSimulatorProvider(oldName);
      assert.equal((await chat(client, `${oldName}/gpt-4o-mini`)).choices[0]?.message.content, 'Echo: ping');

      const response = await router.manage('PUT', `/api/providers/${created.id}`, { name: newName });
      assert.equal(response.status, 200);
      const updated = (await response.json()) as ProviderDto;
      assert.equal(updated.name, newName);
      assert.equal(updated.id, created.id);

      const completion = await chat(client, `${newName}/gpt-4o-mini`);
      assert.equal(completion.choices[0]?.message.content, 'Echo: ping');
      assert.equal(lastChat(simulator)?.headers.authorization, `Bearer ${simulator.apiKey}`, 'the account and its key moved with the rename');
      await assert.rejects(chat(client, `${oldName}/gpt-4o-mini`), (error: unknown) => {
        assert.ok(error instanceof OpenAI.NotFoundError, String(error));
        assert.match(error.message, /does not exist or is not routed/);
        return true;
      });
    });

    it('refuses to rename onto a taken name', async () => {
      const taken = uniqueName('taken');
      await addSimulatorProvider(taken);
      const other = await addSimulatorProvider(uniqueName('other'));
      await expectManagementError(await router.manage('PUT', `/api/providers/${other.id}`, { name: taken }), 409, 'conflict', 'name');
    });

    it('rejects invalid updates with 400', async () => {
      const created = await addSimulatorProvider(uniqueName('strict'));
      await expectManagementError(await router.manage('PUT', `/api/providers/${created.id}`, { kind: 'groq' }), 400, 'invalid_request');
      await expectManagementError(await router.manage('PUT', `/api/providers/${created.id}`, { baseUrl: 'nope' }), 400, 'invalid_request', 'baseUrl');
      await expectManagementError(await router.manage('PUT', `/api/providers/${created.id}`, { name: 'has space' }), 400, 'invalid_request', 'name');
    });

    it('rotates the key: the upstream sees the new key on the next request', async () => {
      const rotated = await startOpenAiSimulator({ apiKey: 'sk-rotated-key-0123456789' });
      try {
        const name = uniqueName('rotate');
        const created = await router.addProvider({ name, kind: 'openai', baseUrl: rotated.url, apiKey: 'sk-first-key-0123456789', models: ['gpt-4o-mini'] });
        const accountId = created.accounts[0]!.id;
        await assert.rejects(chat(client, `${name}/gpt-4o-mini`), (error: unknown) => {
          assert.ok(error instanceof OpenAI.APIError && error.status === 401, String(error));
          return true;
        });
        assert.equal(lastChat(rotated)?.headers.authorization, 'Bearer sk-first-key-0123456789');

        const response = await router.manage('PUT', `/api/providers/${created.id}`, { apiKey: rotated.apiKey });
        const text = await response.text();
        assert.equal(response.status, 200, text);
        assert.ok(!text.includes(rotated.apiKey));
        assert.equal((JSON.parse(text) as ProviderDto).accounts[0]?.hasApiKey, true);
        assert.equal(await router.secrets.get(secretNames.accountKey(accountId)), rotated.apiKey);

        assert.equal((await chat(client, `${name}/gpt-4o-mini`)).choices[0]?.message.content, 'Echo: ping');
        assert.equal(lastChat(rotated)?.headers.authorization, `Bearer ${rotated.apiKey}`);
      } finally {
        await rotated.close();
      }
    });

    it('removes the key with apiKey: null', async () => {
      const name = uniqueName('keyless');
      const created = await addSimulatorProvider(name);
      const accountId = created.accounts[0]!.id;
      const response = await router.manage('PUT', `/api/providers/${created.id}`, { apiKey: null });
      assert.equal(response.status, 200);
      assert.equal(((await response.json()) as ProviderDto).accounts[0]?.hasApiKey, false);
      assert.equal(await router.secrets.get(secretNames.accountKey(accountId)), undefined);

      // Without a key the router sends no Authorization header; the upstream refuses.
      await assert.rejects(chat(client, `${name}/gpt-4o-mini`), (error: unknown) => {
        assert.ok(error instanceof OpenAI.AuthenticationError, String(error));
        return true;
      });
      assert.equal(lastChat(simulator)?.headers.authorization, undefined);
    });

    it('disables a provider and changes its models', async () => {
      const name = uniqueName('toggle');
      const created = await addSimulatorProvider(name);
      const response = await router.manage('PUT', `/api/providers/${created.id}`, { enabled: false, models: ['gpt-4o'] });
      const updated = (await response.json()) as ProviderDto;
      assert.equal(updated.enabled, false);
      assert.deepEqual(updated.models, ['gpt-4o']);
      await assert.rejects(chat(client, `${name}/gpt-4o`), (error: unknown) => {
        assert.ok(error instanceof OpenAI.APIError && error.status === 503, String(error));
        assert.match(error.message, /disabled/);
        return true;
      });
      const models = await client.models.list();
      assert.ok(!models.data.some((model) => model.id.startsWith(`${name}/`)), 'a disabled provider lists no models');
    });
  });

  describe('DELETE /api/providers/:id', () => {
    it('deletes the provider, its account secrets and its routes', async () => {
      const name = uniqueName('doomed');
      const created = await addSimulatorProvider(name);
      await router.manage('POST', `/api/providers/${created.id}/accounts`, { apiKey: 'sk-second-account-key' });
      const accounts = ((await (await router.manage('GET', `/api/providers/${created.id}`)).json()) as ProviderDto).accounts;
      assert.equal(accounts.length, 2);
      for (const account of accounts) assert.notEqual(await router.secrets.get(secretNames.accountKey(account.id)), undefined);
      await chat(client, `${name}/gpt-4o-mini`);

      const response = await router.manage('DELETE', `/api/providers/${created.id}`);
      assert.equal(response.status, 204);
      assert.equal(await response.text(), '');
      for (const account of accounts) assert.equal(await router.secrets.get(secretNames.accountKey(account.id)), undefined);
      await expectManagementError(await router.manage('GET', `/api/providers/${created.id}`), 404, 'not_found');
      await assert.rejects(chat(client, `${name}/gpt-4o-mini`), (error: unknown) => {
        assert.ok(error instanceof OpenAI.NotFoundError, String(error));
        return true;
      });
      const models = await client.models.list();
      assert.ok(!models.data.some((model) => model.id.startsWith(`${name}/`)));
    });
  });

  describe('POST /api/providers/:id/test', () => {
    it('reports success with the number of models', async () => {
      const created = await addSimulatorProvider(uniqueName('probe'));
      const response = await router.manage('POST', `/api/providers/${created.id}/test`);
      assert.equal(response.status, 200);
      const result = (await response.json()) as ProviderTestResultDto;
      assert.equal(typeof result.latencyMs, 'number');
      assert.deepEqual(
        { ...result, latencyMs: 0 },
        { ok: true, status: 200, latencyMs: 0, message: `Connected; the provider lists ${simulator.models.length} models.`, modelCount: simulator.models.length },
      );
    });

    it('reports a wrong key as a failure with the upstream status and message', async () => {
      const created = await addSimulatorProvider(uniqueName('wrongkey'), { apiKey: 'sk-wrong-key-0123456789' });
      const response = await router.manage('POST', `/api/providers/${created.id}/test`);
      assert.equal(response.status, 200, 'a probe answers 200 and reports the failure in its body');
      const result = (await response.json()) as ProviderTestResultDto;
      assert.equal(result.ok, false);
      assert.equal(result.status, 401);
      assert.equal(result.modelCount, null);
      assert.match(result.message, /Incorrect API key provided/);
    });

    it('reports an unreachable upstream as a failure without a status', async () => {
      const port = await closedPort();
      const created = await addSimulatorProvider(uniqueName('gone'), { baseUrl: `http://127.0.0.1:${port}/v1` });
      const result = (await (await router.manage('POST', `/api/providers/${created.id}/test`)).json()) as ProviderTestResultDto;
      assert.equal(result.ok, false);
      assert.equal(result.status, null);
      assert.equal(result.modelCount, null);
      assert.match(result.message, new RegExp(`Could not reach provider '${created.name}' at 127\\.0\\.0\\.1:${port}: ECONNREFUSED`));
    });
  });

  describe('POST /api/providers/validate', () => {
    const providerCount = async (): Promise<number> => ((await (await router.manage('GET', '/api/providers')).json()) as { data: unknown[] }).data.length;

    it('checks a provider as it would be created and tries its key, saving nothing', async () => {
      const before = await providerCount();
      const name = uniqueName('checked');
      const response = await router.manage('POST', '/api/providers/validate', { name, kind: 'openai', baseUrl: `${simulator.url}/`, apiKey: simulator.apiKey });
      assert.equal(response.status, 200);
      const result = (await response.json()) as ProviderValidationDto;
      assert.equal(typeof result.test?.latencyMs, 'number');
      assert.deepEqual(
        { ...result, test: result.test && { ...result.test, latencyMs: 0 } },
        {
          valid: true,
          name,
          kind: 'openai',
          family: 'openai',
          baseUrl: simulator.url,
          test: { ok: true, status: 200, latencyMs: 0, message: `Connected; the provider lists ${simulator.models.length} models.`, modelCount: simulator.models.length, models: simulator.models },
        },
      );
      assert.equal(simulator.requests.at(-1)?.headers.authorization, `Bearer ${simulator.apiKey}`, 'the key given was the one tried');
      assert.equal(await providerCount(), before, 'nothing was created');
      // The name is still free: validating reserved nothing.
      assert.equal((await router.manage('POST', '/api/providers', { name, kind: 'openai', baseUrl: simulator.url })).status, 201);
    });

    it('reports a wrong key and an unreachable upstream in the result; test: false skips the call', async () => {
      const wrong = (await (await router.manage('POST', '/api/providers/validate', { name: uniqueName('badkey'), kind: 'openai', baseUrl: simulator.url, apiKey: 'sk-wrong-0123456789' })).json()) as ProviderValidationDto;
      assert.equal(wrong.test?.ok, false);
      assert.equal(wrong.test?.status, 401);
      assert.match(wrong.test?.message ?? '', /Incorrect API key provided/);
      const port = await closedPort();
      const gone = (await (await router.manage('POST', '/api/providers/validate', { name: uniqueName('nowhere'), kind: 'openai', baseUrl: `http://127.0.0.1:${port}/v1` })).json()) as ProviderValidationDto;
      assert.equal(gone.test?.ok, false);
      assert.equal(gone.test?.status, null);
      assert.match(gone.test?.message ?? '', /ECONNREFUSED/);
      const requests = simulator.requests.length;
      const untested = (await (await router.manage('POST', '/api/providers/validate', { name: uniqueName('quiet'), kind: 'groq', test: false })).json()) as ProviderValidationDto;
      assert.deepEqual({ test: untested.test, family: untested.family, baseUrl: untested.baseUrl }, { test: null, family: 'openai', baseUrl: 'https://api.groq.com/openai/v1' });
      assert.equal(simulator.requests.length, requests, 'no call without a test');
    });

    it('refuses what create would refuse, with the same errors', async () => {
      const taken = await addSimulatorProvider(uniqueName('taken'));
      await expectManagementError(await router.manage('POST', '/api/providers/validate', { name: taken.name, kind: 'openai' }), 409, 'conflict', 'name');
      await expectManagementError(await router.manage('POST', '/api/providers/validate', { name: uniqueName('odd'), kind: 'nonsense' }), 400, 'invalid_request', 'kind');
      await expectManagementError(await router.manage('POST', '/api/providers/validate', { name: 'bad name!', kind: 'openai' }), 400, 'invalid_request', 'name');
      await expectManagementError(await router.manage('POST', '/api/providers/validate', { name: uniqueName('url'), kind: 'openai', baseUrl: 'ftp://x' }), 400, 'invalid_request', 'baseUrl');
    });
  });

  describe('GET /api/providers/:id/models', () => {
    it('lists the upstream models', async () => {
      const created = await addSimulatorProvider(uniqueName('catalog'));
      const response = await router.manage('GET', `/api/providers/${created.id}/models`);
      assert.equal(response.status, 200);
      const body = (await response.json()) as ProviderModelsDto;
      assert.deepEqual(body, {
        object: 'list',
        data: simulator.models.map((id) => ({ id, object: 'model', owned_by: created.name })),
        source: 'upstream',
      });
    });

    it('falls back to the configured models when the upstream is unreachable', async () => {
      const port = await closedPort();
      const created = await addSimulatorProvider(uniqueName('offline'), { baseUrl: `http://127.0.0.1:${port}/v1`, models: ['local-a', 'local-b'] });
      const response = await router.manage('GET', `/api/providers/${created.id}/models`);
      assert.equal(response.status, 200);
      const body = (await response.json()) as ProviderModelsDto;
      assert.equal(body.source, 'configured');
      assert.deepEqual(body.data, [
        { id: 'local-a', object: 'model', owned_by: created.name },
        { id: 'local-b', object: 'model', owned_by: created.name },
      ]);
      assert.match(body.error ?? '', /ECONNREFUSED/);
    });
  });

  it('discovers the models of a new provider in the background and routes them', async () => {
    const name = uniqueName('discover');
    const created = await router.addProvider({ name, kind: 'openai', baseUrl: simulator.url, apiKey: simulator.apiKey });
    assert.deepEqual(created.models, []);
    const listed = await eventually(async () => {
      const ids = (await client.models.list()).data.map((model) => model.id).filter((id) => id.startsWith(`${name}/`));
      return ids.length > 0 ? ids : undefined;
    }, 'the discovered models in /v1/models');
    assert.deepEqual(listed.sort(), simulator.models.map((model) => `${name}/${model}`).sort());
    const provider = (await (await router.manage('GET', `/api/providers/${created.id}`)).json()) as ProviderDto;
    assert.deepEqual(provider.discoveredModels, simulator.models);
    assert.equal((await chat(client, `${name}/gpt-4o`)).model, 'gpt-4o');
  });

  describe('POST /api/providers/:id/accounts', () => {
    it('adds an account with its own key', async () => {
      const created = await addSimulatorProvider(uniqueName('multi'));
      const response = await router.manage('POST', `/api/providers/${created.id}/accounts`, { label: 'backup', apiKey: 'sk-backup-account-key-01234' });
      const text = await response.text();
      assert.equal(response.status, 201, text);
      assert.ok(!text.includes('sk-backup-account-key-01234'));
      const body = JSON.parse(text) as ProviderDto;
      assert.equal(body.id, created.id);
      assert.equal(body.accounts.length, 2);
      const added = body.accounts.find((account) => account.id !== created.accounts[0]!.id);
      assert.ok(added);
      assert.deepEqual(Object.keys(added).sort(), accountFields);
      assert.match(added.id, /^acc_/);
      assert.equal(added.label, 'backup');
      assert.equal(added.hasApiKey, true);
      assert.equal(added.priority, 1);
      assert.equal(await router.secrets.get(secretNames.accountKey(added.id)), 'sk-backup-account-key-01234');
    });

    it('adds a keyless account with a default label, and rejects unknown fields', async () => {
      const created = await addSimulatorProvider(uniqueName('multi'));
      const response = await router.manage('POST', `/api/providers/${created.id}/accounts`, {});
      assert.equal(response.status, 201);
      const added = ((await response.json()) as ProviderDto).accounts[1];
      assert.equal(added?.label, 'account 2');
      assert.equal(added?.hasApiKey, false);
      await expectManagementError(await router.manage('POST', `/api/providers/${created.id}/accounts`, { secret: 'x' }), 400, 'invalid_request');
    });
  });
});
