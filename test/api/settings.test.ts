/**
 * `/api/settings` against the real router: defaults, partial updates, validation, persistence
 * across a restart on the same data directory, and the body limit as an OpenAI client sees it.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { KeychainSecretStore } from '../../main/secrets/keychain-secret-store.js';
import { defaultSettings, type Settings } from '../../shared/settings.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

async function settingsOf(router: TestRouter): Promise<Settings> {
  const response = await router.manage('GET', '/api/settings');
  assert.equal(response.status, 200);
  return (await response.json()) as Settings;
}

describe('/api/settings', () => {
  let router: TestRouter;

  before(async () => {
    router = await startRouter();
  });
  after(() => router?.close());

  it('starts with the defaults', async () => {
    assert.deepEqual(await settingsOf(router), defaultSettings);
  });

  for (const method of ['PUT', 'PATCH']) {
    it(`${method} applies a partial update and returns the merged settings`, async () => {
      const before = await settingsOf(router);
      const patch = { shutdownGraceMs: method === 'PUT' ? 2_000 : 3_000, allowedHosts: ['omniroute.internal'] };
      const response = await router.manage(method, '/api/settings', patch);
      assert.equal(response.status, 200);
      const expected = { ...before, ...patch };
      assert.deepEqual(await response.json(), expected);
      assert.deepEqual(await settingsOf(router), expected);
    });
  }

  it('treats an empty update as no change', async () => {
    const before = await settingsOf(router);
    const response = await router.manage('PUT', '/api/settings', {});
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), before);
  });

  for (const [patch, param] of [
    [{ requireApiKey: 'yes' }, 'requireApiKey'],
    [{ maxRequestBodyMb: 0 }, 'maxRequestBodyMb'],
    [{ maxRequestBodyMb: -1 }, 'maxRequestBodyMb'],
    [{ maxRequestBodyMb: 4096 }, 'maxRequestBodyMb'],
    [{ upstreamTimeoutMs: 1.5 }, 'upstreamTimeoutMs'],
    [{ upstreamTimeoutMs: 10 }, 'upstreamTimeoutMs'],
    [{ streamIdleTimeoutMs: null }, 'streamIdleTimeoutMs'],
    [{ shutdownGraceMs: -1 }, 'shutdownGraceMs'],
    [{ allowedHosts: [''] }, 'allowedHosts[0]'],
    [{ allowedHosts: 'example.com' }, 'allowedHosts'],
    [{ allowedOrigins: ['not a url'] }, 'allowedOrigins[0]'],
    [{ somethingElse: true }, undefined],
  ] as const) {
    it(`rejects ${JSON.stringify(patch)} with 400 and changes nothing`, async () => {
      const before = await settingsOf(router);
      // A valid change rides along: a rejected update must not apply it either.
      const valid: Record<string, unknown> = { requireApiKey: !before.requireApiKey };
      const response = await router.manage('PUT', '/api/settings', { ...valid, ...patch });
      assert.equal(response.status, 400);
      const body = (await response.json()) as { error: { code: string; param?: string; message: string } };
      assert.equal(body.error.code, 'invalid_request');
      assert.equal(body.error.param, param);
      if (param === undefined) assert.match(body.error.message, /somethingElse/);
      assert.deepEqual(await settingsOf(router), before, 'a rejected update applies none of its fields');
    });
  }

  it('rejects a body that is not a JSON object', async () => {
    for (const body of ['[]', '"x"', '{']) {
      const response = await fetch(router.url + '/api/settings', {
        method: 'PUT',
        headers: { authorization: `Bearer ${router.adminToken}`, 'content-type': 'application/json' },
        body,
      });
      assert.equal(response.status, 400, body);
    }
  });

  it('needs the management token', async () => {
    const response = await fetch(router.url + '/api/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"requireApiKey":true}' });
    assert.equal(response.status, 401);
    assert.equal((await settingsOf(router)).requireApiKey, defaultSettings.requireApiKey);
  });
});

describe('settings across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'omniroute-settings-'));
  const secrets = new KeychainSecretStore({ service: `omniroute-test-${randomUUID()}` });
  let first: TestRouter | undefined;
  let second: TestRouter | undefined;

  after(async () => {
    await first?.close();
    await second?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps what was saved', async () => {
    first = await startRouter({ dataDir, secrets });
    const patch = { requireApiKey: true, maxRequestBodyMb: 8, allowedOrigins: ['https://app.example'], streamIdleTimeoutMs: 45_000 };
    assert.equal((await first.manage('PATCH', '/api/settings', patch)).status, 200);
    await first.close();
    first = undefined;

    second = await startRouter({ dataDir, secrets });
    assert.deepEqual(await settingsOf(second), { ...defaultSettings, ...patch });
    // And they are in force, not just reported: requireApiKey refuses a keyless client.
    const client = new OpenAI({ baseURL: second.url + '/v1', apiKey: 'unknown', maxRetries: 0 });
    await assert.rejects(client.models.list(), OpenAI.AuthenticationError);
  });
});

describe('maxRequestBodyMb', () => {
  let router: TestRouter;
  let simulator: OpenAiSimulator;
  let client: OpenAI;
  const limitMb = 0.0625;
  const limitBytes = limitMb * 1024 * 1024;

  before(async () => {
    simulator = await startOpenAiSimulator();
    router = await startRouter();
    await router.addProvider({ name: 'sim', kind: 'openai', baseUrl: simulator.url, apiKey: simulator.apiKey, models: ['gpt-4o-mini'] });
    client = new OpenAI({ baseURL: router.url + '/v1', apiKey: 'any', maxRetries: 0 });
  });
  after(async () => {
    await router?.close();
    await simulator?.close();
  });

  const chatOfSize = (bytes: number) =>
    client.chat.completions.create({ model: 'sim/gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(bytes) }] });

  it('refuses a bigger chat request with 413 in the OpenAI envelope once lowered', async () => {
    // Under the default limit the same request goes through.
    assert.equal((await chatOfSize(2 * limitBytes)).choices[0]?.message.content?.length, 'Echo: '.length + 2 * limitBytes);

    const response = await router.manage('PUT', '/api/settings', { maxRequestBodyMb: limitMb });
    assert.equal(response.status, 200);
    const upstreamCalls = simulator.requests.length;
    await assert.rejects(chatOfSize(2 * limitBytes), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError, String(error));
      assert.equal(error.status, 413);
      assert.equal(error.type, 'invalid_request_error');
      assert.equal(error.code, 'payload_too_large');
      assert.match(error.message, /larger than the limit of 64 KB \(setting maxRequestBodyMb\)/);
      assert.match(error.requestID ?? '', /^req_/);
      return true;
    });
    assert.equal(simulator.requests.length, upstreamCalls, 'an oversized request never reaches the upstream');

    // A request under the new limit still works, so the limit is what refused the other.
    assert.equal((await chatOfSize(limitBytes / 2)).choices[0]?.message.content?.length, 'Echo: '.length + limitBytes / 2);
  });
});
