/**
 * The Videos API of the OpenAI simulator, driven with the official SDK so the router's `/v1/videos`
 * tests can trust that what passes here would pass against api.openai.com. Raw `fetch` is used
 * only for what the SDK never sends (a JSON create, a form without a prompt).
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import type { APIError } from 'openai';
import type { Video } from 'openai/resources/videos';
import { DEFAULT_SIMULATOR_MODELS, simulatedVideo, startOpenAiSimulator } from './openai-simulator.js';
import type { OpenAiSimulator, ReceivedVideoForm } from './openai-simulator.js';

/** Sora models are not among the simulator's defaults: a router test serves them on purpose. */
const MODELS = [...DEFAULT_SIMULATOR_MODELS, 'sora-2', 'sora-2-pro'];

/** Expects the SDK to throw this error class with this status, code and param. */
function apiError(kind: new (...args: never[]) => APIError, status: number, fields: { code?: string | null; param?: string | null } = {}): (error: unknown) => boolean {
  return (error: unknown) => {
    assert.ok(error instanceof kind, `expected ${kind.name}, got ${String(error)}`);
    assert.equal(error.status, status);
    if ('code' in fields) assert.equal(error.code, fields.code);
    if ('param' in fields) assert.equal(error.param, fields.param);
    assert.equal(error.type, 'invalid_request_error');
    return true;
  };
}

/** The list page as sent, with the fields the SDK's page object does not expose. */
async function rawList(simulator: OpenAiSimulator, query = ''): Promise<{ object: string; data: Video[]; first_id: string | null; last_id: string | null; has_more: boolean }> {
  const response = await fetch(`${simulator.url}/videos${query}`, { headers: { authorization: `Bearer ${simulator.apiKey}` } });
  assert.equal(response.status, 200);
  return (await response.json()) as { object: string; data: Video[]; first_id: string | null; last_id: string | null; has_more: boolean };
}

describe('OpenAI simulator: Videos API', () => {
  let simulator: OpenAiSimulator;
  let client: OpenAI;

  /** Polls like a client of the real API: each retrieve is one step of the job. */
  async function pollUntilDone(id: string): Promise<Video[]> {
    const seen: Video[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const video = await client.videos.retrieve(id);
      seen.push(video);
      if (video.status === 'completed' || video.status === 'failed') return seen;
    }
    throw new Error(`video ${id} never finished`);
  }

  async function completedVideo(prompt = 'A calico cat playing a piano on stage'): Promise<Video> {
    const created = await client.videos.create({ prompt, model: 'sora-2' });
    return (await pollUntilDone(created.id)).at(-1)!;
  }

  before(async () => {
    simulator = await startOpenAiSimulator({ models: MODELS });
    client = new OpenAI({ baseURL: simulator.url, apiKey: simulator.apiKey, maxRetries: 0 });
  });
  afterEach(() => simulator.reset());
  after(() => simulator.close());

  it('creates a queued job with the documented defaults, from a multipart form', async () => {
    const before = Math.floor(Date.now() / 1000);
    const video = await client.videos.create({ prompt: 'A red balloon over Tokyo' });
    assert.match(video.id, /^video_[0-9a-f]+$/);
    assert.ok(video.created_at >= before && video.created_at <= Math.floor(Date.now() / 1000));
    assert.deepEqual(
      { ...video, id: 'ID', created_at: 0 },
      {
        id: 'ID',
        object: 'video',
        model: 'sora-2',
        status: 'queued',
        progress: 0,
        created_at: 0,
        completed_at: null,
        expires_at: null,
        prompt: 'A red balloon over Tokyo',
        seconds: '4',
        size: '720x1280',
        remixed_from_video_id: null,
        error: null,
      },
    );
    const recorded = simulator.requests[0]!;
    assert.equal(recorded.method, 'POST');
    assert.equal(recorded.path, '/v1/videos');
    assert.match(String(recorded.headers['content-type']), /^multipart\/form-data; boundary=/);
    assert.deepEqual(recorded.body, { fields: { prompt: 'A red balloon over Tokyo' } });
  });

  it('records an input_reference upload with its name, type and bytes', async () => {
    const image = Buffer.from('\x89PNG\r\n\x1a\nnot-really-a-png', 'latin1');
    const video = await client.videos.create({
      prompt: 'Animate this',
      model: 'sora-2-pro',
      seconds: '8',
      size: '1792x1024',
      input_reference: await toFile(image, 'reference.png', { type: 'image/png' }),
    });
    assert.deepEqual([video.model, video.seconds, video.size], ['sora-2-pro', '8', '1792x1024']);
    const form = simulator.requests[0]!.body as ReceivedVideoForm;
    assert.deepEqual(form.fields, { prompt: 'Animate this', model: 'sora-2-pro', seconds: '8', size: '1792x1024' });
    assert.equal(form.inputReference?.filename, 'reference.png');
    assert.equal(form.inputReference?.fileType, 'image/png');
    assert.deepEqual(form.inputReference?.bytes, image);
  });

  it('accepts a reference by URL, as the SDK encodes it in the form', async () => {
    await client.videos.create({ prompt: 'From a URL', input_reference: { image_url: 'https://example.com/cat.png' } });
    assert.deepEqual((simulator.requests[0]!.body as ReceivedVideoForm).fields, { prompt: 'From a URL', 'input_reference[image_url]': 'https://example.com/cat.png' });
  });

  it('accepts a JSON create too, and records the parsed body', async () => {
    const body = { prompt: 'JSON please', model: 'sora-2', seconds: '12', size: '1280x720' };
    const response = await fetch(`${simulator.url}/videos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${simulator.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 200);
    const video = (await response.json()) as Video;
    assert.deepEqual([video.status, video.seconds, video.size], ['queued', '12', '1280x720']);
    assert.deepEqual(simulator.requests[0]!.body, body);
  });

  it('moves one step per retrieve: in progress, then completed with an expiry an hour after creation', async () => {
    const created = await client.videos.create({ prompt: 'Waves at dusk' });
    const steps = await pollUntilDone(created.id);
    assert.deepEqual(
      steps.map((video) => [video.status, video.progress]),
      [
        ['in_progress', 50],
        ['completed', 100],
      ],
    );
    const done = steps[1]!;
    assert.equal(typeof done.completed_at, 'number');
    assert.ok(done.completed_at! >= done.created_at);
    assert.equal(done.expires_at, done.created_at + 3600);
    assert.deepEqual(await client.videos.retrieve(created.id), done);
  });

  it('ends a [fail] prompt failed, with a moderation error and no content', async () => {
    const created = await client.videos.create({ prompt: 'Something [fail] worthy' });
    const last = (await pollUntilDone(created.id)).at(-1)!;
    assert.equal(last.status, 'failed');
    assert.equal(last.error?.code, 'moderation_blocked');
    assert.equal(typeof last.error?.message, 'string');
    assert.equal(last.completed_at, null);
    await assert.rejects(client.videos.downloadContent(created.id), apiError(OpenAI.NotFoundError, 404));
  });

  it('downloads the video bytes in chunks as video/mp4', async () => {
    const video = await completedVideo();
    const response = await client.videos.downloadContent(video.id);
    assert.equal(response.headers.get('content-type'), 'video/mp4');
    const bytes = Buffer.from(await response.arrayBuffer());
    const chunks = simulatedVideo(video.id);
    assert.ok(chunks.length >= 3);
    assert.deepEqual(bytes, Buffer.concat(chunks));
    assert.equal(bytes.subarray(4, 8).toString('latin1'), 'ftyp');
    const recorded = simulator.requests.at(-1)!;
    assert.equal(recorded.path, `/v1/videos/${video.id}/content`);
    assert.equal(recorded.headers.accept, 'application/binary');
  });

  it('downloads the thumbnail and the spritesheet variants', async () => {
    const video = await completedVideo();
    const thumbnail = await client.videos.downloadContent(video.id, { variant: 'thumbnail' });
    assert.equal(thumbnail.headers.get('content-type'), 'image/webp');
    assert.deepEqual(Buffer.from(await thumbnail.arrayBuffer()), Buffer.concat(simulatedVideo(video.id, 'thumbnail')));
    const sprites = await client.videos.downloadContent(video.id, { variant: 'spritesheet' });
    assert.equal(sprites.headers.get('content-type'), 'image/jpeg');
    assert.deepEqual(Buffer.from(await sprites.arrayBuffer()), Buffer.concat(simulatedVideo(video.id, 'spritesheet')));
    assert.equal(simulatedVideo(video.id, 'thumbnail').length, 1);
    assert.notDeepEqual(simulatedVideo(video.id), simulatedVideo(`${video.id}x`));
    await assert.rejects(
      client.videos.downloadContent(video.id, { variant: 'poster' as 'video' }),
      apiError(OpenAI.BadRequestError, 400, { code: 'invalid_value', param: 'variant' }),
    );
  });

  it('refuses content before completion with 404, and unknown ids with 404', async () => {
    const created = await client.videos.create({ prompt: 'Not yet' });
    await assert.rejects(client.videos.downloadContent(created.id), (error: unknown) => {
      assert.ok(error instanceof OpenAI.NotFoundError);
      assert.match(error.message, /Video is not ready yet/);
      return true;
    });
    await client.videos.retrieve(created.id);
    await assert.rejects(client.videos.downloadContent(created.id), OpenAI.NotFoundError);
    await assert.rejects(client.videos.retrieve('video_nope'), apiError(OpenAI.NotFoundError, 404, { code: null }));
    await assert.rejects(client.videos.downloadContent('video_nope'), OpenAI.NotFoundError);
  });

  it('lists newest first by default, pages with limit and after, and honours order=asc', async () => {
    const ids: string[] = [];
    for (const prompt of ['one', 'two', 'three', 'four', 'five']) ids.push((await client.videos.create({ prompt })).id);
    const newestFirst = [...ids].reverse();

    const first = await client.videos.list({ limit: 2 });
    assert.deepEqual(
      first.data.map((video) => video.id),
      newestFirst.slice(0, 2),
    );
    assert.equal(first.has_more, true);
    assert.equal(first.last_id, newestFirst[1]);
    const raw = await rawList(simulator, '?limit=2');
    assert.deepEqual([raw.object, raw.first_id, raw.last_id, raw.has_more], ['list', newestFirst[0], newestFirst[1], true]);
    const second = await first.getNextPage();
    assert.deepEqual(
      second.data.map((video) => video.id),
      newestFirst.slice(2, 4),
    );
    assert.equal(simulator.requests.at(-1)!.path, '/v1/videos');

    const all: string[] = [];
    for await (const video of client.videos.list({ limit: 2 })) all.push(video.id);
    assert.deepEqual(all, newestFirst);

    const ascending = await client.videos.list({ order: 'asc', limit: 3, after: ids[0]! });
    assert.deepEqual(
      ascending.data.map((video) => video.id),
      ids.slice(1, 4),
    );
    assert.equal(ascending.has_more, true);
    const everything = await client.videos.list();
    assert.equal(everything.data.length, 5);
    assert.equal(everything.has_more, false);
    // Listing is not polling: nothing moved.
    assert.ok(everything.data.every((video) => video.status === 'queued'));
    await assert.rejects(client.videos.list({ limit: 101 }), apiError(OpenAI.BadRequestError, 400, { code: 'integer_above_max_value', param: 'limit' }));
  });

  it('answers an empty list with null cursors', async () => {
    assert.deepEqual(await rawList(simulator), { object: 'list', data: [], first_id: null, last_id: null, has_more: false });
    assert.equal((await client.videos.list()).hasNextPage(), false);
  });

  it('deletes a job, after which it is gone', async () => {
    const video = await completedVideo();
    assert.deepEqual(await client.videos.delete(video.id), { id: video.id, object: 'video.deleted', deleted: true });
    await assert.rejects(client.videos.retrieve(video.id), apiError(OpenAI.NotFoundError, 404));
    await assert.rejects(client.videos.delete(video.id), OpenAI.NotFoundError);
    assert.equal((await client.videos.list()).data.length, 0);
  });

  it('remixes a completed video into a new queued job that names its source', async () => {
    const source = await completedVideo();
    const remix = await client.videos.remix(source.id, { prompt: 'Same scene at night' });
    assert.notEqual(remix.id, source.id);
    assert.equal(remix.remixed_from_video_id, source.id);
    assert.deepEqual([remix.status, remix.progress, remix.prompt], ['queued', 0, 'Same scene at night']);
    assert.deepEqual([remix.model, remix.seconds, remix.size], [source.model, source.seconds, source.size]);
    assert.deepEqual(simulator.requests.at(-1)!.body, { prompt: 'Same scene at night' });
    assert.equal((await pollUntilDone(remix.id)).at(-1)!.status, 'completed');
  });

  it('refuses to remix a video that is not completed, or does not exist', async () => {
    const pending = await client.videos.create({ prompt: 'Still rendering' });
    await assert.rejects(client.videos.remix(pending.id, { prompt: 'again' }), apiError(OpenAI.BadRequestError, 400));
    await assert.rejects(client.videos.remix('video_nope', { prompt: 'again' }), OpenAI.NotFoundError);
  });

  it('validates the create body: prompt, seconds, size and model', async () => {
    const form = new FormData();
    form.append('model', 'sora-2');
    const missing = await fetch(`${simulator.url}/videos`, { method: 'POST', headers: { authorization: `Bearer ${simulator.apiKey}` }, body: form });
    assert.equal(missing.status, 400);
    assert.deepEqual(await missing.json(), {
      error: { message: "Missing required parameter: 'prompt'.", type: 'invalid_request_error', param: 'prompt', code: 'missing_required_parameter' },
    });
    await assert.rejects(
      client.videos.create({ prompt: 'x', seconds: '5' as '4' }),
      apiError(OpenAI.BadRequestError, 400, { code: 'invalid_value', param: 'seconds' }),
    );
    await assert.rejects(
      client.videos.create({ prompt: 'x', size: '1920x1080' as '720x1280' }),
      apiError(OpenAI.BadRequestError, 400, { code: 'invalid_value', param: 'size' }),
    );
    await assert.rejects(client.videos.create({ prompt: 'x', model: 'sora-9' }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.NotFoundError);
      assert.equal(error.code, 'model_not_found');
      assert.equal(error.message, '404 The model `sora-9` does not exist or you do not have access to it.');
      return true;
    });
    assert.equal((await client.videos.list()).data.length, 0);
  });

  it('names wrong types the way OpenAI does: seconds as a number, a reference as text', async () => {
    const authorization = `Bearer ${simulator.apiKey}`;
    const json = await fetch(`${simulator.url}/videos`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'x', seconds: 8 }),
    });
    assert.equal(json.status, 400);
    assert.deepEqual(await json.json(), {
      error: { message: "Invalid type for 'seconds': expected one of '4', '8', or '12', but got an integer instead.", type: 'invalid_request_error', param: 'seconds', code: 'invalid_type' },
    });
    const form = new FormData();
    form.append('prompt', 'x');
    form.append('input_reference', 'https://example.com/cat.png');
    const text = await fetch(`${simulator.url}/videos`, { method: 'POST', headers: { authorization }, body: form });
    assert.equal(text.status, 400);
    assert.deepEqual(await text.json(), {
      error: { message: "Invalid type for 'input_reference': expected a file, but got a string instead.", type: 'invalid_request_error', param: 'input_reference', code: 'invalid_type' },
    });
  });

  it('refuses a wrong key with 401, on every videos path', async () => {
    const wrong = new OpenAI({ baseURL: simulator.url, apiKey: 'sk-wrong-key-123456', maxRetries: 0 });
    await assert.rejects(wrong.videos.create({ prompt: 'x' }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.AuthenticationError);
      assert.equal(error.code, 'invalid_api_key');
      return true;
    });
    await assert.rejects(wrong.videos.list(), OpenAI.AuthenticationError);
    await assert.rejects(wrong.videos.downloadContent('video_x'), OpenAI.AuthenticationError);
  });

  it('takes a queued videos fault on the next videos request, which then changes nothing', async () => {
    const created = await client.videos.create({ prompt: 'Faulted poll' });
    simulator.fail({ endpoint: 'videos', status: 429, headers: { 'retry-after': '3' } });
    simulator.fail({ status: 500 }); // A chat fault: videos never take it.
    await assert.rejects(client.videos.retrieve(created.id), (error: unknown) => {
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.equal(error.headers.get('retry-after'), '3');
      return true;
    });
    // The faulted poll did not advance the job.
    assert.equal((await client.videos.retrieve(created.id)).status, 'in_progress');

    simulator.fail({ endpoint: 'videos', status: 503 });
    await assert.rejects(client.videos.create({ prompt: 'never made' }), OpenAI.InternalServerError);
    assert.equal((await client.videos.list()).data.length, 1);
  });

  it('cuts a content download after the given number of chunks, and paces chunks when asked', async () => {
    const video = await completedVideo();
    simulator.fail({ endpoint: 'videos', cutAfterChunks: 2 });
    const response = await client.videos.downloadContent(video.id);
    assert.equal(response.headers.get('content-type'), 'video/mp4');
    await assert.rejects(response.arrayBuffer());
    assert.equal(simulator.requests.at(-1)!.aborted, false);

    const chunks = simulatedVideo(video.id);
    simulator.fail({ endpoint: 'videos', chunkDelayMs: 20 });
    const started = performance.now();
    const paced = await client.videos.downloadContent(video.id);
    assert.deepEqual(Buffer.from(await paced.arrayBuffer()), Buffer.concat(chunks));
    assert.ok(performance.now() - started >= (chunks.length - 1) * 20 - 5);
  });

  it('forgets every video on reset', async () => {
    const video = await client.videos.create({ prompt: 'Ephemeral' });
    simulator.reset();
    await assert.rejects(client.videos.retrieve(video.id), OpenAI.NotFoundError);
    assert.equal((await client.videos.list()).data.length, 0);
  });

  it('answers videos paths it does not know, and wrong methods, as invalid URLs', async () => {
    const headers = { authorization: `Bearer ${simulator.apiKey}` };
    const wrongMethod = await fetch(`${simulator.url}/videos`, { method: 'PUT', headers });
    assert.equal(wrongMethod.status, 404);
    assert.deepEqual(await wrongMethod.json(), { error: { message: 'Invalid URL (PUT /v1/videos)', type: 'invalid_request_error', param: null, code: null } });
    const deeper = await fetch(`${simulator.url}/videos/video_x/content/more`, { headers });
    assert.equal(deeper.status, 404);
  });
});
