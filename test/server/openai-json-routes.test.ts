import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type OpenAI from 'openai';
import type { AnthropicSimulator } from '../support/anthropic-simulator.js';
import { openAiFailure } from '../support/openai-failure.js';
import { SIMULATED_PNG_BASE64 } from '../support/openai-simulator-media.js';
import type { OpenAiSimulator } from '../support/openai-simulator.js';
import { simulatedEmbedding } from '../support/simulated-embedding.js';
import type { TestRouter } from '../support/start-router.js';
import { twoOpenAiProviders } from '../support/two-openai-providers.js';
import { usageRecordOf } from '../support/usage-record.js';
import { waitUntil } from '../support/wait-until.js';

const embeddingModel = 'text-embedding-3-small';
const models = [embeddingModel, 'dall-e-3', 'gpt-image-1', 'gpt-4o'];

describe('/v1/embeddings and /v1/images/generations through the router', () => {
  let a: OpenAiSimulator;
  let b: OpenAiSimulator;
  let anthropic: AnthropicSimulator;
  let router: TestRouter;
  let client: OpenAI;

  const fixture = twoOpenAiProviders({ models, claudeModels: ['claude-sonnet-4-5', 'voyage-embed-3'], combos: { 'embed-chain': [`a/${embeddingModel}`, `b/${embeddingModel}`], 'embed-mixed': ['claude/voyage-embed-3', `b/${embeddingModel}`] } });
  before(() => ({ a, b, anthropic, router, client } = fixture));

  const recordOf = (requestId: string | null) => usageRecordOf(router, requestId);

  it('a repeated embedding is served from the response cache (no temperature needed), and recorded as a hit', async () => {
    const ask = (headers: Record<string, string> = {}) => client.embeddings.create({ model: `a/${embeddingModel}`, input: 'cache this sentence' }, { headers }).withResponse();
    const first = await ask();
    const second = await ask();
    assert.equal(first.response.headers.get('x-omniroute-cache'), 'MISS');
    assert.equal(second.response.headers.get('x-omniroute-cache'), 'HIT');
    assert.deepEqual(Array.from(second.data.data[0]?.embedding ?? []), Array.from(first.data.data[0]?.embedding ?? []));
    assert.equal(a.requests.length, 1, 'the second never reached the upstream');
    const hit = await recordOf(second.response.headers.get('x-request-id'));
    assert.deepEqual([hit.clientFormat, hit.cacheHit, hit.inputTokens], ['openai-embeddings', true, null]);
    const bypassed = await ask({ 'x-omniroute-no-cache': 'true' });
    assert.equal(bypassed.response.headers.get('x-omniroute-cache'), 'BYPASS');
    assert.equal(a.requests.length, 2);
  });

  it('embeds one string: the SDK asks for base64 and gets the upstream vector; usage is recorded', async () => {
    const text = 'The food was delicious';
    const { data, response } = await client.embeddings.create({ model: `a/${embeddingModel}`, input: text }).withResponse();
    assert.equal(data.object, 'list');
    assert.equal(data.data.length, 1);
    assert.deepEqual(Array.from(data.data[0]?.embedding ?? []), simulatedEmbedding(text));
    assert.deepEqual(data.usage, { prompt_tokens: 6, total_tokens: 6 });
    assert.equal(response.headers.get('x-omniroute-provider'), 'a');
    assert.equal(response.headers.get('x-omniroute-model'), `a/${embeddingModel}`);
    // Passthrough but for the model: the SDK's own encoding_format reaches the upstream.
    assert.deepEqual(a.requests.map((request) => [request.path, request.body]), [['/v1/embeddings', { model: embeddingModel, input: text, encoding_format: 'base64' }]]);
    const record = await recordOf(response.headers.get('x-request-id'));
    assert.deepEqual(
      { clientFormat: record.clientFormat, provider: record.provider, model: record.model, status: record.status, inputTokens: record.inputTokens, outputTokens: record.outputTokens },
      { clientFormat: 'openai-embeddings', provider: 'a', model: `a/${embeddingModel}`, status: 200, inputTokens: 6, outputTokens: null },
    );
  });

  it('embeds an array of strings as floats, one entry per input in order', async () => {
    const input = ['first text', 'second, longer text'];
    const data = await client.embeddings.create({ model: `b/${embeddingModel}`, input, encoding_format: 'float' });
    assert.deepEqual(
      data.data.map((entry) => [entry.index, entry.embedding]),
      input.map((text, index) => [index, simulatedEmbedding(text)]),
    );
    assert.equal(data.model, embeddingModel);
  });

  it('falls back to the next target of a combo when the first answers 5xx', async () => {
    a.fail({ status: 500, endpoint: 'embeddings' });
    const { data, response } = await client.embeddings.create({ model: 'embed-chain', input: 'hello' }).withResponse();
    assert.deepEqual(Array.from(data.data[0]?.embedding ?? []), simulatedEmbedding('hello'));
    assert.equal(response.headers.get('x-omniroute-provider'), 'b');
    assert.equal(response.headers.get('x-omniroute-attempts'), '2');
    assert.deepEqual([a.requests.length, b.requests.length], [1, 1]);
    const record = await recordOf(response.headers.get('x-request-id'));
    assert.deepEqual([record.fallback, record.attempts, record.provider], [true, 2, 'b']);
  });

  it('skips a provider of another family in a combo, and names the reason when nothing else is left', async () => {
    const { response } = await client.embeddings.create({ model: 'embed-mixed', input: 'hello' }).withResponse();
    assert.equal(response.headers.get('x-omniroute-provider'), 'b');
    assert.equal(anthropic.requests.length, 0);

    const error = await openAiFailure(client.embeddings.create({ model: 'claude/voyage-embed-3', input: 'hello' }));
    assert.equal(error.status, 503);
    assert.equal(error.code, 'all_attempts_failed');
    assert.match(error.message, /claude\/voyage-embed-3: skipped, provider 'claude' is of the anthropic family, and \/v1\/embeddings goes only to OpenAI-compatible/);
    assert.equal(anthropic.requests.length, 0);
  });

  it('an upstream error comes back in its own envelope, and a bad request is refused before routing', async () => {
    b.fail({ status: 400, endpoint: 'embeddings', body: { error: { message: 'This model does not support dimensions.', type: 'invalid_request_error', param: 'dimensions', code: null } } });
    const upstream = await openAiFailure(client.embeddings.create({ model: `b/${embeddingModel}`, input: 'x', dimensions: 3 }));
    assert.equal(upstream.status, 400);
    assert.equal(upstream.message, '400 This model does not support dimensions.');
    assert.equal(upstream.param, 'dimensions');

    const missing = await openAiFailure(client.embeddings.create({ model: `b/${embeddingModel}` } as unknown as OpenAI.EmbeddingCreateParams));
    assert.equal(missing.status, 400);
    assert.equal(missing.param, 'input');
    assert.equal(b.requests.length, 1, 'the invalid request never reached the upstream');
  });

  it('generates images: DALL·E 3 answers with URLs and revised prompts', async () => {
    const { data, response } = await client.images.generate({ model: 'a/dall-e-3', prompt: 'a red fox', size: '1024x1024' }).withResponse();
    assert.equal(data.data?.length, 1);
    const [image] = data.data ?? [];
    assert.match(image?.url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/v1\/files\/img-.+\.png$/);
    assert.equal(image?.revised_prompt, 'A picture of a red fox');
    assert.equal(typeof data.created, 'number');
    assert.equal(response.headers.get('x-omniroute-model'), 'a/dall-e-3');
    assert.deepEqual(a.requests[0]?.body, { model: 'dall-e-3', prompt: 'a red fox', size: '1024x1024' });
  });

  it('generates images: GPT image answers with b64_json and token usage, which is recorded', async () => {
    const { data, response } = await client.images.generate({ model: 'b/gpt-image-1', prompt: 'a lighthouse at dusk', n: 2 }).withResponse();
    assert.deepEqual(data.data, [{ b64_json: SIMULATED_PNG_BASE64 }, { b64_json: SIMULATED_PNG_BASE64 }]);
    assert.deepEqual(data.usage, { input_tokens: 5, output_tokens: 544, total_tokens: 549, input_tokens_details: { text_tokens: 5, image_tokens: 0 } });
    const record = await recordOf(response.headers.get('x-request-id'));
    assert.deepEqual([record.clientFormat, record.inputTokens, record.outputTokens], ['openai-images', 5, 544]);
  });

  it('an image request without a prompt is a 400 naming it', async () => {
    const error = await openAiFailure(client.images.generate({ model: 'b/dall-e-3' } as unknown as OpenAI.ImageGenerateParams));
    assert.equal(error.status, 400);
    assert.equal(error.param, 'prompt');
    assert.equal(b.requests.length, 0);
  });

  describe('async image tasks (?async=true, then GET .../{task_id})', () => {
    interface TaskView {
      id: string;
      task_id: string;
      status: string;
      model: string;
      created: number;
      data?: unknown[];
      usage?: unknown;
      error?: { message: string; param: string | null; code: string | null };
    }
    const post = (path: string, body: unknown, key = 'unused') =>
      fetch(router.url + path, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const read = (path: string, key = 'unused') => fetch(router.url + path, { headers: { authorization: `Bearer ${key}` } });
    const settled = (path: string) =>
      waitUntil(`task ${path} settles`, async () => {
        const task = (await (await read(path)).json()) as TaskView;
        return task.status === 'in_progress' ? undefined : task;
      });

    it('answers 202 with a task at once, and the task completes with the upstream answer and its usage record', async () => {
      const created = await post('/v1/images/generations?async=true', { model: 'b/gpt-image-1', prompt: 'a lighthouse at dusk' });
      assert.equal(created.status, 202);
      const task = (await created.json()) as TaskView;
      assert.match(task.id, /^imgtask_[0-9a-f]{32}$/);
      assert.deepEqual({ ...task, created: 0 }, { id: task.id, task_id: task.id, status: 'in_progress', model: 'b/gpt-image-1', created: 0 });
      const done = await settled(`/v1/images/generations/${task.id}`);
      assert.equal(done.status, 'completed');
      assert.deepEqual(done.data, [{ b64_json: SIMULATED_PNG_BASE64 }]);
      assert.deepEqual(done.usage, { input_tokens: 5, output_tokens: 272, total_tokens: 277, input_tokens_details: { text_tokens: 5, image_tokens: 0 } });
      assert.deepEqual(b.requests.map((request) => request.body), [{ model: 'gpt-image-1', prompt: 'a lighthouse at dusk' }]);
      const record = await recordOf(created.headers.get('x-request-id'));
      assert.deepEqual([record.clientFormat, record.status, record.provider, record.inputTokens, record.outputTokens], ['openai-images', 200, 'b', 5, 272]);
    });

    it('a task whose upstream refuses ends failed with the upstream\'s error object', async () => {
      b.fail({ status: 400, endpoint: 'images', body: { error: { message: 'Your request was rejected by the safety system.', type: 'image_generation_user_error', param: null, code: 'content_policy_violation' } } });
      const task = (await (await post('/v1/providers/b/images/generations?async=true', { model: 'dall-e-3', prompt: 'x' })).json()) as TaskView;
      assert.equal(task.model, 'b/dall-e-3');
      const done = await settled(`/v1/providers/b/images/generations/${task.id}`);
      assert.equal(done.status, 'failed');
      assert.equal(done.error?.message, 'Your request was rejected by the safety system.');
      assert.equal(done.error?.code, 'content_policy_violation');
      assert.equal(done.data, undefined);
    });

    it('a task is readable only with the key that created it; unknown ids are 404s', async () => {
      const task = (await (await post('/v1/images/generations?async=true', { model: 'a/dall-e-3', prompt: 'x' }, 'client-one')).json()) as TaskView;
      await waitUntil('the task completes', async () => ((await (await read(`/v1/images/generations/${task.id}`, 'client-one')).json()) as TaskView).status === 'completed');
      const key = (await (await router.manage('POST', '/api/keys', { name: 'other' })).json()) as { key: string };
      for (const other of ['client-two', key.key]) {
        const response = await read(`/v1/images/generations/${task.id}`, other);
        assert.equal(response.status, 404);
        const body = (await response.json()) as { error: { param: string; code: string } };
        assert.deepEqual([body.error.param, body.error.code], ['task_id', 'not_found']);
      }
      assert.equal((await read('/v1/images/generations/imgtask_unknown', 'client-one')).status, 404);
    });

    it('embeddings have no async mode: a 400 naming it', async () => {
      const response = await post('/v1/embeddings?async=true', { model: `a/${embeddingModel}`, input: 'x' });
      assert.equal(response.status, 400);
      assert.equal(((await response.json()) as { error: { param: string } }).error.param, 'async');
      assert.equal(a.requests.length, 0);
    });
  });

  it('GET lists the models each endpoint can use, from OpenAI-compatible providers only', async () => {
    const list = async (path: string) => {
      const response = await fetch(router.url + path);
      assert.equal(response.status, 200);
      const body = (await response.json()) as { object: string; data: { id: string; object: string; owned_by: string }[] };
      assert.equal(body.object, 'list');
      assert.ok(body.data.every((entry) => entry.object === 'model' && entry.id.startsWith(entry.owned_by + '/')));
      return body.data.map((entry) => entry.id);
    };
    assert.deepEqual(await list('/v1/embeddings'), [`a/${embeddingModel}`, `b/${embeddingModel}`]);
    assert.deepEqual(await list('/v1/images/generations'), ['a/dall-e-3', 'a/gpt-image-1', 'b/dall-e-3', 'b/gpt-image-1']);
  });
});
