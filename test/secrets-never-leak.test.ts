/**
 * Provider keys live only in the keychain: never in SQLite, its WAL, the logs, a management API
 * answer, or an error a client sees (even when the upstream echoes the key back). Client API keys
 * are shown once at creation and stored only as a hash. Proven by planting distinctive keys,
 * exercising every path that touches them, and grepping every byte the router wrote.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { CreatedApiKeyDto, ProviderDto } from '../shared/api-types.js';
import { startOpenAiSimulator, type OpenAiSimulator } from './support/openai-simulator.js';
import { startRouter, type TestRouter } from './support/start-router.js';

/** The last chat request an upstream received (background model discovery may come after it). */
function lastChat(upstream: OpenAiSimulator) {
  return upstream.requests.filter((request) => request.path === '/v1/chat/completions').at(-1);
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('secrets never leak', () => {
  // One key shaped like OpenAI's, which pattern-based redaction recognises, and one bare hex key
  // (as Together or Mistral issue), which only redaction of the exact value can catch.
  const plantedKey = `sk-planted-${randomUUID()}`;
  const rotatedKey = `sk-planted-rotated-${randomUUID()}`;
  const hexKey = randomBytes(32).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'omniroute-leak-'));
  let router: TestRouter | undefined;
  let simulator: OpenAiSimulator;
  let hexSimulator: OpenAiSimulator;
  let clientKey: string;
  let adminToken: string;
  /** Every management answer, by request, except the one that creates the client key. */
  const managementBodies: { request: string; body: string }[] = [];
  /** Everything an OpenAI client was shown: completions, stream chunks, error messages and bodies. */
  const clientSaw: { request: string; body: string }[] = [];

  const manage = async (method: string, path: string, body?: unknown): Promise<string> => {
    const response = await router!.manage(method, path, body);
    const text = await response.text();
    managementBodies.push({ request: `${method} ${path}`, body: text });
    assert.ok(response.status < 300, `${method} ${path}: HTTP ${response.status} ${text}`);
    return text;
  };
  const echoKeyFault = (key: string, status: number) => ({
    status,
    body: { error: { message: `Incorrect API key provided: ${key}. You can find your API key at https://example.test/keys.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } },
  });
  /** Runs a chat request that must fail, and records what the client was shown. */
  const failingChat = async (label: string, client: OpenAI, model: string, stream: boolean): Promise<void> => {
    await assert.rejects(
      (async () => {
        if (!stream) return client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
        const chunks = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], stream: true });
        for await (const chunk of chunks) clientSaw.push({ request: label, body: JSON.stringify(chunk) });
      })(),
      (error: unknown) => {
        assert.ok(error instanceof OpenAI.APIError, String(error));
        clientSaw.push({ request: label, body: `${error.message} ${JSON.stringify(error.error)} ${JSON.stringify(error.headers)}` });
        return true;
      },
    );
  };

  before(async () => {
    simulator = await startOpenAiSimulator({ apiKey: plantedKey });
    hexSimulator = await startOpenAiSimulator({ apiKey: hexKey });
    router = await startRouter({ dataDir });
    adminToken = router.adminToken;
  });
  after(async () => {
    await router?.close();
    await simulator?.close();
    await hexSimulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every planted key out of the data directory, the management API and client errors', async () => {
    const created = await router!.manage('POST', '/api/keys', { name: 'agent' });
    assert.equal(created.status, 201);
    clientKey = ((await created.json()) as CreatedApiKeyDto).key;
    await manage('GET', '/api/keys');
    await manage('PUT', '/api/settings', { requireApiKey: true });

    // Create (model discovery runs in the background with the key), list, read, rename.
    const provider = JSON.parse(await manage('POST', '/api/providers', { name: 'leak', kind: 'openai', baseUrl: simulator.url, apiKey: plantedKey })) as ProviderDto;
    const hexProvider = JSON.parse(
      await manage('POST', '/api/providers', { name: 'hex', kind: 'together', baseUrl: hexSimulator.url, apiKey: hexKey, models: ['gpt-4o-mini'] }),
    ) as ProviderDto;
    await manage('GET', '/api/providers');
    await manage('GET', `/api/providers/${provider.id}`);
    await manage('PUT', `/api/providers/${provider.id}`, { name: 'leaky' });
    await manage('POST', `/api/providers/${provider.id}/accounts`, { label: 'spare', apiKey: rotatedKey });

    // Probe and list models, with the right key and with a wrong one.
    await manage('POST', `/api/providers/${provider.id}/test`);
    await manage('GET', `/api/providers/${provider.id}/models`);
    await manage('PUT', `/api/providers/${provider.id}`, { apiKey: rotatedKey });
    assert.match(await manage('POST', `/api/providers/${provider.id}/test`), /"ok":false/);
    assert.match(await manage('GET', `/api/providers/${provider.id}/models`), /"source":"configured"/);
    await manage('PUT', `/api/providers/${provider.id}`, { apiKey: plantedKey });
    assert.match(await manage('POST', `/api/providers/${provider.id}/test`), /"ok":true/);

    // Chat, streaming and not, with the client key.
    const client = new OpenAI({ baseURL: router!.url + '/v1', apiKey: clientKey, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'leaky/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    clientSaw.push({ request: 'chat', body: JSON.stringify(completion) });
    const stream = await client.chat.completions.create({ model: 'leaky/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true });
    for await (const chunk of stream) clientSaw.push({ request: 'chat stream', body: JSON.stringify(chunk) });
    clientSaw.push({ request: 'models', body: JSON.stringify(await client.models.list()) });
    assert.equal(lastChat(simulator)?.headers.authorization, `Bearer ${plantedKey}`, 'the planted key is really the one in use');

    // Upstream errors that echo the key, in JSON and as plain text, 4xx and 5xx (5xx are logged).
    simulator.fail(echoKeyFault(plantedKey, 401));
    await failingChat('echo 401', client, 'leaky/gpt-4o-mini', false);
    simulator.fail(echoKeyFault(plantedKey, 401));
    await failingChat('echo 401 stream', client, 'leaky/gpt-4o-mini', true);
    simulator.fail(echoKeyFault(plantedKey, 500));
    await failingChat('echo 500', client, 'leaky/gpt-4o-mini', false);
    simulator.fail({ status: 502, body: `proxy error: upstream rejected credentials ${plantedKey}` });
    await failingChat('echo plain text', client, 'leaky/gpt-4o-mini', false);
    simulator.fail({ status: 429, body: { error: { message: 'rate limited', type: 'requests', param: null, code: 'rate_limit_exceeded', key: plantedKey } } });
    await failingChat('echo in another field', client, 'leaky/gpt-4o-mini', false);
    hexSimulator.fail(echoKeyFault(hexKey, 401));
    await failingChat('echo hex', client, 'hex/gpt-4o-mini', false);
    hexSimulator.fail(echoKeyFault(hexKey, 503));
    await failingChat('echo hex 503', client, 'hex/gpt-4o-mini', false);

    // The upstream's message itself still reaches the client, only the key is masked.
    const echoed = clientSaw.find((entry) => entry.request === 'echo 401');
    assert.match(echoed?.body ?? '', /Incorrect API key provided: /);
    assert.match(clientSaw.find((entry) => entry.request === 'echo hex')?.body ?? '', /Incorrect API key provided: /);

    // A backup lands in the data directory (scanned below); exports leave it, so they are checked here.
    await manage('PUT', '/api/db-backups');
    const exported: { path: string; bytes: Buffer }[] = [];
    for (const path of ['/api/db-backups/export', '/api/db-backups/exportAll']) {
      const response = await router!.manage('GET', path);
      assert.equal(response.status, 200);
      const bytes = Buffer.from(await response.arrayBuffer());
      exported.push({ path, bytes: path.endsWith('exportAll') ? gunzipSync(bytes) : bytes });
    }

    await manage('GET', `/api/providers/${hexProvider.id}`);
    await manage('DELETE', `/api/providers/${hexProvider.id}`);
    await manage('GET', '/api/settings');

    const planted = { plantedKey, rotatedKey, hexKey };
    for (const { path, bytes } of exported) {
      assert.ok(bytes.includes('leaky'), `${path} holds the providers`);
      for (const [name, value] of Object.entries({ ...planted, clientKey, adminToken })) {
        assert.equal(bytes.indexOf(value), -1, `${name} found in ${path}`);
      }
    }
    for (const { request, body } of managementBodies) {
      for (const [name, value] of Object.entries({ ...planted, clientKey })) {
        assert.ok(!body.includes(value), `${name} appeared in the answer to ${request}: ${body}`);
      }
    }
    for (const { request, body } of clientSaw) {
      for (const [name, value] of Object.entries(planted)) {
        assert.ok(!body.includes(value), `${name} was shown to the client in ${request}: ${body}`);
      }
    }

    const scan = (when: string): string[] => {
      const files = filesUnder(dataDir);
      for (const file of files) {
        const bytes = readFileSync(file);
        for (const [name, value] of Object.entries({ ...planted, clientKey, adminToken })) {
          assert.equal(bytes.indexOf(value), -1, `${name} found in ${relative(dataDir, file)} (${when})`);
          assert.equal(bytes.indexOf(Buffer.from(value, 'utf16le')), -1, `${name} found as UTF-16 in ${relative(dataDir, file)} (${when})`);
        }
      }
      return files.map((file) => relative(dataDir, file)).sort();
    };
    // While the router runs, the WAL holds the latest writes.
    const whileRunning = scan('while running');
    assert.ok(whileRunning.includes('omniroute.db-wal'), `the WAL is scanned too: ${whileRunning.join(', ')}`);
    assert.ok(whileRunning.some((file) => /^backups\/omniroute-.*-manual\.sqlite$/.test(file)), `the backup is scanned too: ${whileRunning.join(', ')}`);

    await router!.close({ keepDataDir: true });
    router = undefined;
    const afterClose = scan('after close');
    assert.ok(afterClose.includes('omniroute.db'), `the database is scanned: ${afterClose.join(', ')}`);
    const log = readFileSync(join(dataDir, 'logs', 'omniroute.log'), 'utf8');
    // The scan is only meaningful if the failures above were logged at all.
    assert.match(log, /Incorrect API key provided: sk-…\[redacted\].*"level":"error"/);
    assert.match(log, /Incorrect API key provided: [0-9a-f]{3}…\[redacted\].*"level":"error"/);
  });
});
