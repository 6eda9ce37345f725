import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import OpenAI, { toFile } from 'openai';
import { simulatedVideo } from '../support/openai-simulator-videos.js';
import type { OpenAiSimulator } from '../support/openai-simulator.js';
import { acrossRestart } from '../support/across-restart.js';
import type { TestRouter } from '../support/start-router.js';
import { twoOpenAiProviders } from '../support/two-openai-providers.js';
import { usageRecordOf } from '../support/usage-record.js';

const models = ['sora-2', 'sora-2-pro'];

describe('/v1/videos: made with fallback, then every call about a video reaches the account that made it', () => {
  let a: OpenAiSimulator;
  let b: OpenAiSimulator;
  let router: TestRouter;
  let client: OpenAI;

  const fixture = twoOpenAiProviders({ models, combos: { films: ['a/sora-2', 'b/sora-2'] } });
  before(() => ({ a, b, router, client } = fixture));

  const videoRequests = (simulator: OpenAiSimulator) => simulator.requests.filter((request) => request.path.startsWith('/v1/videos'));

  it('makes a video, follows it to completed, and downloads the file exactly', async () => {
    const { data: made, response } = await client.videos.create({ model: 'a/sora-2', prompt: 'A cat reviews a pull request', seconds: '8', size: '1280x720' }).withResponse();
    assert.equal(made.status, 'queued');
    assert.equal(made.model, 'sora-2', "the upstream's own answer");
    assert.equal(response.headers.get('x-omniroute-provider'), 'a');
    const sent = videoRequests(a)[0]?.body as { fields: Record<string, string> } | undefined;
    assert.equal(sent?.fields.model, 'sora-2');
    assert.equal(sent?.fields.prompt, 'A cat reviews a pull request');

    const progressing = await client.videos.retrieve(made.id);
    assert.equal(progressing.status, 'in_progress');
    const done = await client.videos.retrieve(made.id);
    assert.equal(done.status, 'completed');
    const content = await client.videos.downloadContent(made.id);
    assert.equal(content.headers.get('content-type'), 'video/mp4');
    assert.ok(Buffer.from(await content.arrayBuffer()).equals(Buffer.concat(simulatedVideo(made.id))));
    const thumbnail = await client.videos.downloadContent(made.id, { variant: 'thumbnail' });
    assert.ok(Buffer.from(await thumbnail.arrayBuffer()).equals(Buffer.concat(simulatedVideo(made.id, 'thumbnail'))));
    assert.equal(videoRequests(b).length, 0);

    const record = await usageRecordOf(router, response.headers.get('x-request-id'));
    assert.deepEqual([record.clientFormat, record.provider, record.model, record.status], ['openai-videos', 'a', 'a/sora-2', 200]);
  });

  it('sends an input reference as it is, in the form', async () => {
    const still = Buffer.from(Array.from({ length: 5000 }, (_, index) => index % 251));
    const made = await client.videos.create({ model: 'a/sora-2', prompt: 'Animate this', input_reference: await toFile(still, 'frame.png', { type: 'image/png' }) });
    const sent = videoRequests(a)[0]?.body as { inputReference?: { filename: string; bytes: Buffer } } | undefined;
    assert.ok(made.id);
    assert.ok(sent?.inputReference?.bytes.equals(still));
  });

  it('falls back before a video is accepted, and then stays with the account that made it', async () => {
    a.fail({ endpoint: 'videos', status: 503 });
    const { data: made, response } = await client.videos.create({ model: 'films', prompt: 'Fallback feature' }).withResponse();
    assert.equal(response.headers.get('x-omniroute-provider'), 'b');
    assert.equal(response.headers.get('x-omniroute-attempts'), '2');
    await client.videos.retrieve(made.id);
    assert.equal((await client.videos.retrieve(made.id)).status, 'completed');
    const { data: remix, response: remixed } = await client.videos.remix(made.id, { prompt: 'Now in black and white' }).withResponse();
    assert.equal(remix.remixed_from_video_id, made.id);
    const record = await usageRecordOf(router, remixed.headers.get('x-request-id'));
    assert.deepEqual([record.clientFormat, record.provider, record.model, record.status], ['openai-videos', 'b', 'b/sora-2', 200]);
    assert.equal((await client.videos.retrieve(remix.id)).status, 'in_progress', 'the remix is followed at the same account');
    assert.deepEqual(
      videoRequests(b).map((request) => `${request.method} ${request.path}`),
      ['POST /v1/videos', `GET /v1/videos/${made.id}`, `GET /v1/videos/${made.id}`, `POST /v1/videos/${made.id}/remix`, `GET /v1/videos/${remix.id}`],
    );
    assert.equal(videoRequests(a).length, 1, 'only the refused first attempt');
  });

  it('lists the caller\'s videos newest first with cursors, asking afresh about unsettled ones', async () => {
    const first = await client.videos.create({ model: 'a/sora-2', prompt: 'one' });
    const second = await client.videos.create({ model: 'a/sora-2', prompt: 'two' });
    const third = await client.videos.create({ model: 'a/sora-2', prompt: 'three' });
    const page = await client.videos.list({ limit: 2 });
    assert.deepEqual(page.data.map((video) => video.id), [third.id, second.id]);
    assert.equal(page.data[0]?.status, 'in_progress', 'asked afresh: one step on');
    assert.equal(page.has_more, true);
    const rest = await client.videos.list({ limit: 2, after: second.id });
    assert.ok(rest.data.some((video) => video.id === first.id));
    const oldest = await client.videos.list({ order: 'asc', limit: 100 });
    const ids = oldest.data.map((video) => video.id);
    assert.ok(ids.indexOf(first.id) < ids.indexOf(third.id));
  });

  it('deletes a video upstream and forgets it; another key cannot see a video at all', async () => {
    const made = await client.videos.create({ model: 'a/sora-2', prompt: 'to delete' });
    const deleted = await client.videos.delete(made.id);
    assert.equal(deleted.deleted, true);
    await assert.rejects(client.videos.retrieve(made.id), (error: unknown) => error instanceof OpenAI.NotFoundError);

    const keyed = await router.manage('POST', '/api/keys', { name: 'video-owner' });
    const { key } = (await keyed.json()) as { key: string };
    const other = await router.manage('POST', '/api/keys', { name: 'someone-else' });
    const { key: otherKey } = (await other.json()) as { key: string };
    const owner = new OpenAI({ baseURL: `${router.url}/v1`, apiKey: key, maxRetries: 0 });
    const stranger = new OpenAI({ baseURL: `${router.url}/v1`, apiKey: otherKey, maxRetries: 0 });
    const mine = await owner.videos.create({ model: 'a/sora-2', prompt: 'private' });
    await assert.rejects(stranger.videos.retrieve(mine.id), (error: unknown) => error instanceof OpenAI.NotFoundError);
    await assert.rejects(stranger.videos.downloadContent(mine.id), (error: unknown) => error instanceof OpenAI.NotFoundError);
    assert.ok(!(await stranger.videos.list()).data.some((video) => video.id === mine.id));
    assert.equal((await owner.videos.retrieve(mine.id)).id, mine.id);
  });

  it('passes the upstream\'s refusals on, and refuses what it cannot route', async () => {
    const made = await client.videos.create({ model: 'a/sora-2', prompt: 'not yet' });
    await assert.rejects(client.videos.downloadContent(made.id), (error: unknown) => error instanceof OpenAI.APIError && error.status !== undefined && error.status >= 400 && error.status < 500);
    await assert.rejects(client.videos.create({ model: 'claude/claude-sonnet-4-5', prompt: 'x' }), (error: unknown) => error instanceof OpenAI.APIError && /openai family/.test(error.message));
    await assert.rejects(client.videos.create({ prompt: 'no model' } as never), (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'model');
    await assert.rejects(client.videos.create({ model: 'a/sora-2' } as never), (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'prompt');
    await assert.rejects(client.videos.retrieve('video_unknown'), (error: unknown) => error instanceof OpenAI.NotFoundError);
  });

  it('keeps knowing where a video lives after a restart', async () => {
    await acrossRestart(
      async (first) => {
        await first.addProvider({ name: 'b', kind: 'openai', baseUrl: b.url, apiKey: b.apiKey, models });
        return (await new OpenAI({ baseURL: `${first.url}/v1`, apiKey: 'unused', maxRetries: 0 }).videos.create({ model: 'b/sora-2', prompt: 'survives' })).id;
      },
      async (second, id) => {
        const video = await new OpenAI({ baseURL: `${second.url}/v1`, apiKey: 'unused', maxRetries: 0 }).videos.retrieve(id);
        assert.equal(video.id, id);
        assert.equal(videoRequests(b).at(-1)?.path, `/v1/videos/${id}`);
      },
    );
  });
});
