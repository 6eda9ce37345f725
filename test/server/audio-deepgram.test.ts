import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI, { toFile } from 'openai';
import type { ModelCatalogDto, ProviderDto } from '../../shared/api-types.js';
import { deepgramDuration, deepgramSpeech, deepgramTranscript, startDeepgramSimulator, type DeepgramSimulator } from '../support/deepgram-simulator.js';
import { expectJson } from '../support/management-error.js';
import { simulatedTranscript } from '../support/openai-simulator-audio.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { addCombo } from '../support/routing-fixture.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { usageRecordOf } from '../support/usage-record.js';

/** Bytes of every value, so any re-encoding on the way would show. */
const audio = Buffer.from(Array.from({ length: 48_000 }, (_, index) => (index * 17 + 3) % 256));

describe('Deepgram behind /v1/audio: transcripts in OpenAI shape, speech as audio', () => {
  let deepgram: DeepgramSimulator;
  let openai: OpenAiSimulator;
  let router: TestRouter;
  let client: OpenAI;
  let created: ProviderDto;

  before(async () => {
    [deepgram, openai] = await Promise.all([startDeepgramSimulator(), startOpenAiSimulator({ models: ['whisper-1', 'gpt-4o-mini'] })]);
    router = await startRouter();
    created = await router.addProvider({ name: 'dg', kind: 'deepgram', baseUrl: deepgram.url, apiKey: deepgram.apiKey, models: ['nova-3', 'aura-2-thalia-en'] });
    await router.addProvider({ name: 'oa', kind: 'openai', baseUrl: openai.url, apiKey: openai.apiKey, models: ['whisper-1', 'gpt-4o-mini'] });
    await addCombo(router, { name: 'ears', strategy: 'priority', targets: [{ model: 'dg/nova-3' }, { model: 'oa/whisper-1' }] });
    await addCombo(router, { name: 'talk', strategy: 'priority', targets: [{ model: 'dg/nova-3' }, { model: 'oa/gpt-4o-mini' }] });
    client = new OpenAI({ baseURL: `${router.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  });
  after(async () => {
    await router.close();
    await Promise.all([deepgram.close(), openai.close()]);
  });
  beforeEach(() => {
    deepgram.reset();
    openai.reset();
    router.resetRouting();
  });

  const file = () => toFile(audio, 'call.mp3', { type: 'audio/mpeg' });
  const listened = () => deepgram.requests.filter((request) => request.path === '/v1/listen');

  it('transcribes: the file reaches /listen as it is, and the answer is the shape of the API reference', async () => {
    const { data, response } = await client.audio.transcriptions.create({ file: await file(), model: 'dg/nova-3' }).withResponse();
    assert.deepEqual(data, { text: deepgramTranscript(audio), task: 'transcribe', language: 'en', duration: deepgramDuration(audio) });
    assert.equal(response.headers.get('x-omniroute-provider'), 'dg');
    assert.equal(response.headers.get('x-omniroute-warnings'), null, 'nothing was left out');
    const [sent] = listened();
    assert.ok(sent);
    assert.ok(sent.body.equals(audio), 'the audio bytes, not the form');
    assert.equal(sent.headers['content-type'], 'audio/mpeg');
    assert.equal(sent.headers.authorization, `Token ${deepgram.apiKey}`);
    assert.deepEqual(sent.query, { model: 'nova-3', smart_format: 'true', detect_language: 'true' });
    const record = await usageRecordOf(router, response.headers.get('x-request-id'));
    assert.deepEqual([record.clientFormat, record.provider, record.model, record.status], ['openai-transcriptions', 'dg', 'dg/nova-3', 200]);
  });

  it('passes the language, and gives text, subtitles and verbose JSON with segments and words', async () => {
    const text = deepgramTranscript(audio);
    const plain = await client.audio.transcriptions.create({ file: await file(), model: 'dg/nova-3', language: 'fr', response_format: 'text' });
    assert.equal(plain, `${text}\n`);
    assert.deepEqual(listened()[0]?.query, { model: 'nova-3', smart_format: 'true', language: 'fr' });

    const verbose = await client.audio.transcriptions.create({ file: await file(), model: 'dg/nova-3', response_format: 'verbose_json', timestamp_granularities: ['word', 'segment'] });
    assert.equal(listened()[1]?.query.utterances, 'true');
    assert.equal(verbose.text, text);
    assert.equal(verbose.duration, deepgramDuration(audio));
    const words = text.split(' ');
    assert.deepEqual(verbose.words?.map((word) => word.word), words);
    assert.equal(verbose.segments?.map((segment) => segment.text).join(' '), text);
    assert.ok((verbose.segments?.length ?? 0) > 1, 'utterances of a few words each');
    assert.equal(verbose.segments?.at(-1)?.end, verbose.words?.at(-1)?.end);

    const srt = await client.audio.transcriptions.create({ file: await file(), model: 'dg/nova-3', response_format: 'srt' });
    const cues = srt.trim().split('\n\n');
    assert.equal(cues.length, verbose.segments?.length);
    assert.match(cues[0] ?? '', /^1\n00:00:00,000 --> 00:00:\d\d,\d{3}\n\S/);
    const vtt = await client.audio.transcriptions.create({ file: await file(), model: 'dg/nova-3', response_format: 'vtt' });
    assert.match(vtt, /^WEBVTT\n\n00:00:00\.000 --> 00:00:\d\d\.\d{3}\n/);
  });

  it('says which fields Deepgram had no counterpart for', async () => {
    const { response } = await client.audio.transcriptions.create({ file: await file(), model: 'dg/nova-3', prompt: 'Names: Ada, Grace.', temperature: 0.2 }).withResponse();
    assert.equal(response.headers.get('x-omniroute-warnings'), 'prompt was not sent: Deepgram takes no free-text prompt; temperature was not sent: Deepgram has no sampling temperature');
  });

  it('speaks through /speak: the audio comes back exactly, in the encoding asked for', async () => {
    const input = 'Your tests passed.';
    const mp3 = await client.audio.speech.create({ model: 'dg/aura-2-thalia-en', input, voice: 'alloy' });
    assert.equal(mp3.headers.get('content-type'), 'audio/mpeg');
    assert.ok(Buffer.from(await mp3.arrayBuffer()).equals(Buffer.concat(deepgramSpeech(input, 'mp3'))));
    assert.match(mp3.headers.get('x-omniroute-warnings') ?? '', /^voice was not sent: a Deepgram voice is part of the model name/);
    const spoken = deepgram.requests.filter((request) => request.path === '/v1/speak');
    assert.deepEqual(spoken[0]?.query, { model: 'aura-2-thalia-en', encoding: 'mp3' });
    assert.deepEqual(JSON.parse(spoken[0]?.body.toString('utf8') ?? ''), { text: input });

    const wav = await client.audio.speech.create({ model: 'dg/aura-2-thalia-en', input, voice: 'alloy', response_format: 'wav' });
    assert.equal(wav.headers.get('content-type'), 'audio/wav');
    assert.ok(Buffer.from(await wav.arrayBuffer()).equals(Buffer.concat(deepgramSpeech(input, 'linear16'))));
    assert.deepEqual(deepgram.requests.at(-1)?.query, { model: 'aura-2-thalia-en', encoding: 'linear16', container: 'wav' });
  });

  it('skips Deepgram for what it cannot do (translate, stream a transcript), with the reason, and falls back', async () => {
    const { data, response } = await client.audio.translations.create({ file: await file(), model: 'ears' }).withResponse();
    assert.equal(data.text, simulatedTranscript('call.mp3', audio));
    assert.equal(response.headers.get('x-omniroute-provider'), 'oa');
    assert.equal(listened().length, 0);
    const streamed = await client.audio.transcriptions.create({ file: await file(), model: 'ears', stream: true }).asResponse();
    assert.equal(streamed.headers.get('x-omniroute-provider'), 'oa', 'whisper-1 ignores stream, and answers whole');
    await streamed.text();
    const pinned = new OpenAI({ baseURL: `${router.url}/v1/providers/dg`, apiKey: 'unused', maxRetries: 0 });
    await assert.rejects(pinned.audio.translations.create({ file: await file(), model: 'nova-3' }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.param, 'provider');
      assert.match(error.message, /Provider 'dg' cannot serve this request: Deepgram transcribes audio in its own language but does not translate it/);
      return true;
    });
  });

  it('passes Deepgram\'s refusals on in OpenAI\'s envelope, with Deepgram\'s own words', async () => {
    deepgram.fail({ status: 402 });
    await assert.rejects(client.audio.transcriptions.create({ file: await file(), model: 'dg/nova-3' }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, 402);
      assert.match(error.message, /^402 ASR_PAYMENT_REQUIRED: Project does not have enough credits/);
      return true;
    });
    // Out of credits cools the account down for an hour, as it should; this test moves on without it.
    router.resetRouting();
    await assert.rejects(client.audio.transcriptions.create({ file: await file(), model: 'dg/nova-2-unknown' }), (error: unknown) => error instanceof OpenAI.BadRequestError);
  });

  it('has no chat: a chat request for a Deepgram model is refused, and a combo moves on', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'dg/nova-3', messages: [{ role: 'user', content: 'Hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.match(error.message, /not supported for chat: provider 'dg' is of the deepgram family/);
      return true;
    });
    const answer = await client.chat.completions.create({ model: 'talk', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
    assert.equal(answer.response.headers.get('x-omniroute-provider'), 'oa');
    assert.equal(deepgram.requests.length, 0, 'nothing was sent to Deepgram');
  });

  it('checks the key against /models, and types its models in the catalog; chat model lists leave them out', async () => {
    const test = await expectJson<{ ok: boolean; modelCount: number }>(await router.manage('POST', `/api/providers/${created.id}/test`), 200);
    assert.equal(test.ok, true);
    assert.ok(test.modelCount >= 2);
    assert.equal(deepgram.requests.at(-1)?.headers.authorization, `Token ${deepgram.apiKey}`);

    const catalog = await expectJson<ModelCatalogDto>(await router.manage('GET', '/api/models/catalog'), 200);
    const types = Object.fromEntries(catalog.providers.flatMap((provider) => provider.models.map((model) => [model.id, model.type])));
    assert.equal(types['dg/nova-3'], 'transcription');
    assert.equal(types['dg/aura-2-thalia-en'], 'speech');
    assert.equal(types['oa/whisper-1'], 'transcription');

    const tags = (await (await fetch(`${router.url}/api/tags`)).json()) as { models: { name: string }[] };
    assert.ok(!tags.models.some((model) => model.name.startsWith('dg/')));
    assert.ok(tags.models.some((model) => model.name === 'oa/gpt-4o-mini'));
    const listed = await client.models.list();
    assert.ok(listed.data.some((model) => model.id === 'dg/nova-3'), "OpenAI's list names audio models, as OpenAI's own does");
  });
});
