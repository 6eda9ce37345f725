import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { OpenAiSimulator } from '../support/openai-simulator.js';
import type { TestRouter } from '../support/start-router.js';
import { twoOpenAiProviders } from '../support/two-openai-providers.js';
import { usageRecordOf } from '../support/usage-record.js';
import { waitUntil } from '../support/wait-until.js';

const models = ['dall-e-3', 'gpt-image-1'];

interface QueueStatus {
  request_id: string;
  status: 'IN_PROGRESS' | 'COMPLETED';
  status_url: string;
  response_url: string;
  cancel_url: string;
  error?: string;
}

describe('the queue protocol, /model/v1/queue/{endpoint}: submit, poll the status, fetch the response, cancel', () => {
  const fixture = twoOpenAiProviders({ models, combos: { painters: ['a/dall-e-3', 'b/dall-e-3'] } });
  let a: OpenAiSimulator;
  let b: OpenAiSimulator;
  let router: TestRouter;
  before(() => ({ a, b, router } = fixture));

  const submit = async (endpoint: string, body: unknown, key?: string) =>
    fetch(`${router.url}/model/v1/queue/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) });
  const get = (url: string, key?: string) => fetch(url, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  const completed = (submitted: QueueStatus) =>
    waitUntil('the request completes', async () => {
      const status = (await (await get(submitted.status_url)).json()) as QueueStatus;
      return status.status === 'COMPLETED' && status;
    });

  it('runs the reference\'s poll loop: the URLs it answers with work as given, and the response is the upstream\'s answer', async () => {
    const answer = await submit('a/dall-e-3', { prompt: 'a cinematic photo of a cat astronaut', size: '1024x1024' });
    assert.equal(answer.status, 200);
    const submitted = (await answer.json()) as QueueStatus;
    assert.match(submitted.request_id, /^imgtask_/);
    assert.equal(submitted.status_url, `${router.url}/model/v1/queue/a/dall-e-3/requests/${submitted.request_id}/status`);
    const done = await completed(submitted);
    assert.equal(done.error, undefined);
    const response = await get(submitted.response_url);
    assert.equal(response.status, 200);
    const image = (await response.json()) as { data: { url: string; revised_prompt: string }[] };
    assert.equal(image.data[0]?.revised_prompt, 'A picture of a cinematic photo of a cat astronaut');
    assert.deepEqual(a.requests.map((request) => [request.path, request.body]), [['/v1/images/generations', { prompt: 'a cinematic photo of a cat astronaut', size: '1024x1024', model: 'dall-e-3' }]]);
    // The request's usage record is written when its work ends, under the submitting request's id.
    const record = await usageRecordOf(router, answer.headers.get('x-request-id'));
    assert.deepEqual([record.clientFormat, record.model], ['openai-images', 'a/dall-e-3']);
    assert.equal(record.status, 200);
  });

  it('falls back in the background, takes an encoded endpoint, and tells a request still running from a finished one', async () => {
    a.fail({ endpoint: 'images', status: 500 });
    const submitted = (await (await submit('painters', { prompt: 'fallback' })).json()) as QueueStatus;
    await completed(submitted);
    const image = (await (await get(submitted.response_url)).json()) as { data: unknown[] };
    assert.equal(image.data.length, 1);
    assert.equal(b.requests.length, 1, 'the second target answered');

    b.fail({ endpoint: 'images', hang: true });
    const encoded = (await (await submit('b%2Fgpt-image-1', { prompt: 'slow' })).json()) as QueueStatus;
    assert.equal(encoded.status, 'IN_PROGRESS');
    const early = await get(encoded.response_url);
    assert.equal(early.status, 400);
    assert.match(((await early.json()) as { error: { message: string } }).error.message, /still in progress/);

    const cancelled = await fetch(encoded.cancel_url, { method: 'PUT' });
    assert.equal(cancelled.status, 202);
    assert.deepEqual(await cancelled.json(), { request_id: encoded.request_id, status: 'CANCELLATION_REQUESTED' });
    await b.waitForAborted();
    const ended = await completed(encoded);
    assert.match(ended.error ?? '', /cancelled by its client/);
    const again = await fetch(encoded.cancel_url, { method: 'PUT' });
    assert.equal(again.status, 400);
    assert.deepEqual(await again.json(), { request_id: encoded.request_id, status: 'ALREADY_COMPLETED' });
  });

  it('a request that failed upstream is COMPLETED with its error, and its response is that error', async () => {
    a.fail({ endpoint: 'images', status: 400, body: { error: { message: 'Your prompt was rejected by the safety system.', type: 'invalid_request_error', param: 'prompt', code: 'content_policy_violation' } } });
    const submitted = (await (await submit('a/dall-e-3', { prompt: 'refused' })).json()) as QueueStatus;
    const done = await completed(submitted);
    assert.match(done.error ?? '', /safety system/);
    const response = await get(submitted.response_url);
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /safety system/);
  });

  it('answers mistakes at once, in OpenAI\'s envelope, and shows a request only to the key that submitted it', async () => {
    const unknown = await submit('nobody/nothing', { prompt: 'x' });
    assert.equal(unknown.status, 404);
    const noPrompt = await submit('a/dall-e-3', { size: '1024x1024' });
    assert.equal(noPrompt.status, 400);
    assert.match(((await noPrompt.json()) as { error: { message: string } }).error.message, /prompt/);
    const notObject = await submit('a/dall-e-3', ['prompt']);
    assert.equal(notObject.status, 400);
    assert.equal((await get(`${router.url}/model/v1/queue/a/dall-e-3/requests/imgtask_missing/status`)).status, 404);

    const mine = (await (await router.manage('POST', '/api/keys', { name: 'queue-owner' })).json()) as { key: string };
    const theirs = (await (await router.manage('POST', '/api/keys', { name: 'queue-other' })).json()) as { key: string };
    const submitted = (await (await submit('a/dall-e-3', { prompt: 'private' }, mine.key)).json()) as QueueStatus;
    assert.equal((await get(submitted.status_url, theirs.key)).status, 404);
    assert.equal((await get(submitted.status_url, mine.key)).status, 200);
  });
});
