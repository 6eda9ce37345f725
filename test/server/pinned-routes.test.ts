import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startAnthropicSimulator, type AnthropicSimulator } from '../support/anthropic-simulator.js';
import { openAiFailure } from '../support/openai-failure.js';
import { model, startRoutingFixture, type RoutingFixture } from '../support/routing-fixture.js';
import { simulatedEmbedding } from '../support/simulated-embedding.js';

const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hello' }];

describe('/v1/providers/{provider}/...: requests pinned to one provider', () => {
  let fixture: RoutingFixture;
  let anthropic: AnthropicSimulator;
  /** An OpenAI client whose base URL is a provider's pinned prefix, as a user would configure it. */
  const pinnedTo = (provider: string) => new OpenAI({ baseURL: `${fixture.router.url}/v1/providers/${provider}`, apiKey: 'unused', maxRetries: 0 });

  before(async () => {
    fixture = await startRoutingFixture();
    anthropic = await startAnthropicSimulator({ models: ['claude-sonnet-4-5'] });
    await fixture.router.addProvider({ name: 'claude', kind: 'anthropic', baseUrl: anthropic.url, apiKey: anthropic.apiKey, models: ['claude-sonnet-4-5'] });
  });
  after(async () => {
    await fixture.close();
    await anthropic.close();
  });
  beforeEach(() => {
    fixture.reset();
    anthropic.reset();
  });

  it('chat: a bare model gets the provider prefix, a prefixed one is kept', async () => {
    for (const requested of [model, `b/${model}`]) {
      const { data, response } = await pinnedTo('b').chat.completions.create({ model: requested, messages }).withResponse();
      assert.equal(data.choices[0]?.message.content, 'Echo: Hello');
      assert.equal(response.headers.get('x-omniroute-provider'), 'b');
      assert.equal(response.headers.get('x-omniroute-model'), `b/${model}`);
    }
    assert.deepEqual(fixture.counts(), { a: 0, b: 2, c: 0 });
    assert.deepEqual(fixture.b.requests.map((request) => (request.body as { model: string }).model), [model, model]);
  });

  it('a model of another configured provider is a 400 naming both', async () => {
    const error = await openAiFailure(pinnedTo('b').chat.completions.create({ model: `a/${model}`, messages }));
    assert.equal(error.status, 400);
    assert.equal(error.param, 'model');
    assert.match(error.message, /'a\/m' belongs to provider 'a', but this endpoint is pinned to provider 'b'/);
    assert.deepEqual(fixture.counts(), { a: 0, b: 0, c: 0 });
  });

  it('an unknown provider is a 404 in OpenAI\'s envelope listing the configured ones', async () => {
    const response = await fetch(`${fixture.router.url}/v1/providers/nope/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model, messages }) });
    assert.equal(response.status, 404);
    assert.ok(response.headers.get('x-request-id'));
    assert.deepEqual(await response.json(), {
      error: { message: "No provider named 'nope'. Configured providers: a, b, c, claude.", type: 'invalid_request_error', param: 'provider', code: 'not_found' },
    });
  });

  it('aliases, wildcard routes and route policies do not move a pinned request to another provider', async () => {
    const providerOf = async (client: OpenAI, requested: string) => (await client.chat.completions.create({ model: requested, messages }).withResponse()).response.headers.get('x-omniroute-provider');
    const alias = await fixture.router.manage('POST', '/api/models/alias', { alias: 'a/*', model: 'b/*' });
    assert.equal(alias.status, 201);
    let policyId: string | undefined;
    try {
      assert.equal(await providerOf(fixture.client, `a/${model}`), 'b', 'unpinned, the wildcard route applies');
      assert.equal(await providerOf(pinnedTo('a'), model), 'a');
      const policy = await fixture.router.manage('POST', '/api/policies', { name: 'to-c', match: { models: [`a/${model}`] }, action: { type: 'route', model: `c/${model}` } });
      assert.equal(policy.status, 201);
      policyId = ((await policy.json()) as { id: string }).id;
      assert.equal(await providerOf(fixture.client, `a/${model}`), 'c', 'unpinned, the route policy applies');
      assert.equal(await providerOf(pinnedTo('a'), `a/${model}`), 'a');
      assert.deepEqual(fixture.counts(), { a: 2, b: 1, c: 1 });
    } finally {
      if (policyId) await fixture.router.manage('DELETE', `/api/policies/${policyId}`);
      await fixture.router.manage('DELETE', `/api/models/alias?alias=${encodeURIComponent('a/*')}`);
    }
  });

  it('a deny-providers policy still applies to a pinned request', async () => {
    const policy = await fixture.router.manage('POST', '/api/policies', { name: 'no-a', action: { type: 'deny-providers', providers: ['a'] } });
    const { id } = (await policy.json()) as { id: string };
    try {
      const error = await openAiFailure(pinnedTo('a').chat.completions.create({ model, messages }));
      assert.equal(error.status, 503);
      assert.match(error.message, /a\/m: skipped, excluded by policy 'no-a'/);
      assert.deepEqual(fixture.counts(), { a: 0, b: 0, c: 0 });
    } finally {
      await fixture.router.manage('DELETE', `/api/policies/${id}`);
    }
  });

  it('the cache and idempotency layer serves pinned requests under their own path', async () => {
    const ask = (client: OpenAI) => client.chat.completions.create({ model: `a/${model}`, messages, temperature: 0 }).withResponse();
    const first = await ask(pinnedTo('a'));
    assert.equal(first.response.headers.get('x-omniroute-cache'), 'MISS');
    const second = await ask(pinnedTo('a'));
    assert.equal(second.response.headers.get('x-omniroute-cache'), 'HIT');
    assert.deepEqual(second.data, first.data);
    const unpinned = await ask(fixture.client);
    assert.equal(unpinned.response.headers.get('x-omniroute-cache'), 'MISS', 'the same body unpinned is another request');
    assert.equal(fixture.counts().a, 2);
  });

  it('embeddings and images: the prefix is added, and only OpenAI-compatible providers take them', async () => {
    const embedded = await pinnedTo('c').embeddings.create({ model: 'text-embedding-3-small', input: 'pinned' }).withResponse();
    assert.deepEqual(Array.from(embedded.data.data[0]?.embedding ?? []), simulatedEmbedding('pinned'));
    assert.equal(embedded.response.headers.get('x-omniroute-model'), 'c/text-embedding-3-small');
    const drawn = await pinnedTo('c').images.generate({ model: 'c/gpt-image-1', prompt: 'a kite' }).withResponse();
    assert.equal(drawn.data.data?.length, 1);
    assert.equal(drawn.response.headers.get('x-omniroute-model'), 'c/gpt-image-1');
    assert.deepEqual(fixture.c.requests.map((request) => [request.path, (request.body as { model: string }).model]), [
      ['/v1/embeddings', 'text-embedding-3-small'],
      ['/v1/images/generations', 'gpt-image-1'],
    ]);

    const mismatched = await openAiFailure(pinnedTo('c').embeddings.create({ model: 'a/text-embedding-3-small', input: 'x' }));
    assert.equal(mismatched.status, 400);
    const other = await openAiFailure(pinnedTo('claude').embeddings.create({ model: 'voyage-3', input: 'x' }));
    assert.equal(other.status, 400);
    assert.equal(other.param, 'provider');
    assert.match(other.message, /Provider 'claude' is of the anthropic family, which has no \/embeddings endpoint/);
    const unknown = await openAiFailure(pinnedTo('nope').images.generate({ model: 'dall-e-3', prompt: 'x' }));
    assert.equal(unknown.status, 404);
    assert.equal(anthropic.requests.length, 0);
  });
});
