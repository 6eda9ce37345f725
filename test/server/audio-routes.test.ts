import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import OpenAI, { toFile } from 'openai';
import { simulatedAudioTokens, simulatedSeconds, simulatedSpeech, simulatedTranscript, type ReceivedAudio } from '../support/openai-simulator-audio.js';
import { countSimulatedTokens, type OpenAiSimulator } from '../support/openai-simulator.js';
import type { TestRouter } from '../support/start-router.js';
import { twoOpenAiProviders } from '../support/two-openai-providers.js';
import { usageRecordOf } from '../support/usage-record.js';

const models = ['whisper-1', 'gpt-4o-transcribe', 'tts-1', 'gpt-4o-mini-tts'];

/** A few KB of "audio": bytes of every value, so any re-encoding on the way would show. */
function audioBytes(size: number): Buffer {
  return Buffer.from(Array.from({ length: size }, (_, index) => (index * 31 + 7) % 256));
}

describe('/v1/audio/transcriptions, /translations and /speech through the router', () => {
  let a: OpenAiSimulator;
  let b: OpenAiSimulator;
  let router: TestRouter;
  let client: OpenAI;
  const audio = audioBytes(40_000);

  const fixture = twoOpenAiProviders({ models, combos: { listen: ['a/whisper-1', 'b/whisper-1'], speak: ['a/tts-1', 'b/tts-1'] } });
  before(() => ({ a, b, router, client } = fixture));

  const received = (simulator: OpenAiSimulator, path = '/v1/audio/transcriptions'): ReceivedAudio[] =>
    simulator.requests.filter((request) => request.path === path).map((request) => request.body as ReceivedAudio);
  const file = () => toFile(audio, 'standup.mp3', { type: 'audio/mpeg' });

  it('transcribes a file: the upstream gets the same bytes, name and fields with its own model name; usage is recorded', async () => {
    const { data, response } = await client.audio.transcriptions.create({ file: await file(), model: 'a/whisper-1', language: 'en', prompt: 'A stand-up meeting.', temperature: 0 }).withResponse();
    assert.equal(data.text, simulatedTranscript('standup.mp3', audio));
    assert.equal(response.headers.get('x-omniroute-provider'), 'a');
    assert.equal(response.headers.get('x-omniroute-model'), 'a/whisper-1');
    const [upstream] = received(a);
    assert.ok(upstream);
    assert.deepEqual([upstream.filename, upstream.fileType, upstream.bytes.equals(audio)], ['standup.mp3', 'audio/mpeg', true]);
    assert.deepEqual(upstream.fields, { model: 'whisper-1', language: 'en', prompt: 'A stand-up meeting.', temperature: '0' });
    const record = await usageRecordOf(router, response.headers.get('x-request-id'));
    assert.deepEqual(
      { clientFormat: record.clientFormat, provider: record.provider, model: record.model, status: record.status, stream: record.stream, inputTokens: record.inputTokens },
      { clientFormat: 'openai-transcriptions', provider: 'a', model: 'a/whisper-1', status: 200, stream: false, inputTokens: null },
    );
  });

  it('records the tokens of a token-billed model', async () => {
    const { data, response } = await client.audio.transcriptions.create({ file: await file(), model: 'a/gpt-4o-transcribe' }).withResponse();
    const text = simulatedTranscript('standup.mp3', audio);
    assert.equal(data.text, text);
    assert.deepEqual(data.usage, { type: 'tokens', input_tokens: simulatedAudioTokens(audio.length), output_tokens: countSimulatedTokens(text), total_tokens: simulatedAudioTokens(audio.length) + countSimulatedTokens(text), input_token_details: { text_tokens: 0, audio_tokens: simulatedAudioTokens(audio.length) } });
    const record = await usageRecordOf(router, response.headers.get('x-request-id'));
    assert.deepEqual([record.inputTokens, record.outputTokens], [simulatedAudioTokens(audio.length), countSimulatedTokens(text)]);
  });

  it('passes every response_format through as the upstream wrote it: text, subtitles and verbose JSON', async () => {
    const text = simulatedTranscript('standup.mp3', audio);
    const plain = await client.audio.transcriptions.create({ file: await file(), model: 'a/whisper-1', response_format: 'text' });
    assert.equal(plain, `${text}\n`);
    const srt = await client.audio.transcriptions.create({ file: await file(), model: 'a/whisper-1', response_format: 'srt' }).asResponse();
    assert.equal(srt.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(await srt.text(), `1\n00:00:00,000 --> 00:00:0${simulatedSeconds(audio.length)},000\n${text}\n\n`);
    const vtt = await client.audio.transcriptions.create({ file: await file(), model: 'a/whisper-1', response_format: 'vtt' });
    assert.ok(vtt.startsWith('WEBVTT\n\n00:00:00.000 --> '));
    const verbose = await client.audio.transcriptions.create({ file: await file(), model: 'a/whisper-1', response_format: 'verbose_json', timestamp_granularities: ['segment'] });
    assert.deepEqual([(verbose as unknown as { task: string }).task, verbose.language, verbose.duration, verbose.text, verbose.segments?.length], ['transcribe', 'english', simulatedSeconds(audio.length), text, 1]);
    assert.deepEqual(received(a).at(-1)?.fields['timestamp_granularities[]'], 'segment');
  });

  it('streams a transcript as the upstream sends it, events unchanged, and records the tokens of its last event', async () => {
    const text = simulatedTranscript('standup.mp3', audio);
    const { data: stream, response } = await client.audio.transcriptions.create({ file: await file(), model: 'a/gpt-4o-transcribe', stream: true }).withResponse();
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events: { type: string; delta?: string; text?: string; usage?: { input_tokens: number; output_tokens: number } }[] = [];
    for await (const event of stream) events.push(event as (typeof events)[number]);
    assert.equal(events.filter((event) => event.type === 'transcript.text.delta').map((event) => event.delta).join(''), text);
    assert.ok(events.length > 2, 'one event per word, then the whole text');
    const done = events.at(-1);
    assert.deepEqual([done?.type, done?.text], ['transcript.text.done', text]);
    assert.equal(received(a)[0]?.fields.stream, 'true');
    const record = await usageRecordOf(router, response.headers.get('x-request-id'));
    assert.deepEqual([record.stream, record.inputTokens, record.outputTokens], [true, done?.usage?.input_tokens, done?.usage?.output_tokens]);
  });

  it('relays an error event inside a transcript stream as sent, and records the request as the failure it was', async () => {
    a.fail({ endpoint: 'audio', streamError: { afterChunks: 2, error: { message: 'The model crashed mid-transcript', type: 'server_error', param: null, code: null } } });
    const { data: stream, response } = await client.audio.transcriptions.create({ file: await file(), model: 'a/gpt-4o-transcribe', stream: true }).withResponse();
    const deltas: string[] = [];
    const failure = await (async () => {
      for await (const event of stream) deltas.push((event as { delta?: string }).delta ?? '');
    })().catch((error: unknown) => error);
    assert.ok(failure instanceof OpenAI.APIError, `the SDK raised the error event: ${String(failure)}`);
    assert.equal(failure.message, 'The model crashed mid-transcript');
    assert.equal(deltas.length, 2, 'the events before the error arrived');
    const record = await usageRecordOf(router, response.headers.get('x-request-id'));
    assert.deepEqual([record.status, record.errorCode, record.stream], [502, 'upstream_error', true]);
  });

  it('translates a file into English', async () => {
    const { data, response } = await client.audio.translations.create({ file: await file(), model: 'a/whisper-1' }).withResponse();
    assert.equal(data.text, simulatedTranscript('standup.mp3', audio));
    assert.equal(received(a, '/v1/audio/translations')[0]?.fields.model, 'whisper-1');
    assert.equal((await usageRecordOf(router, response.headers.get('x-request-id'))).clientFormat, 'openai-translations');
  });

  it('speaks: the audio bytes come back exactly, with their content type', async () => {
    const input = 'The build is green.';
    const { data, response } = await client.audio.speech.create({ model: 'a/tts-1', input, voice: 'alloy' }).withResponse();
    assert.equal(response.headers.get('content-type'), 'audio/mpeg');
    assert.ok(Buffer.from(await data.arrayBuffer()).equals(Buffer.concat(simulatedSpeech(input))));
    assert.deepEqual(a.requests.map((request) => request.body), [{ model: 'tts-1', input, voice: 'alloy' }]);
    const wav = await client.audio.speech.create({ model: 'a/tts-1', input, voice: 'alloy', response_format: 'wav' });
    assert.equal(wav.headers.get('content-type'), 'audio/wav');
    assert.ok(Buffer.from(await wav.arrayBuffer()).equals(Buffer.concat(simulatedSpeech(input, 'wav'))));
    const record = await usageRecordOf(router, response.headers.get('x-request-id'));
    assert.deepEqual([record.clientFormat, record.status, record.model], ['openai-speech', 200, 'a/tts-1']);
  });

  it('relays speech as it is made: the first audio arrives while the upstream still speaks, and leaving stops the upstream', async () => {
    const input = 'A long answer.';
    // Ten seconds between chunks: the first can only arrive in time if it is relayed on its own.
    a.fail({ endpoint: 'audio', chunkDelayMs: 10_000 });
    const abort = new AbortController();
    const response = await client.audio.speech.create({ model: 'a/tts-1', input, voice: 'alloy' }, { signal: abort.signal });
    const reader = response.body!.getReader();
    const first = await reader.read();
    assert.ok(Buffer.from(first.value!).equals(simulatedSpeech(input)[0]!));
    abort.abort();
    await a.waitForAborted();
  });

  it('streams speech as events when asked (stream_format "sse"), and records its tokens', async () => {
    const input = 'Events, please.';
    const response = await client.audio.speech.create({ model: 'a/gpt-4o-mini-tts', input, voice: 'alloy', stream_format: 'sse' });
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events = (await response.text())
      .split('\n\n')
      .filter((event) => event.startsWith('data: '))
      .map((event) => JSON.parse(event.slice(6)) as { type: string; audio?: string; usage?: { input_tokens: number; output_tokens: number } });
    const audioBack = Buffer.concat(events.filter((event) => event.type === 'speech.audio.delta').map((event) => Buffer.from(event.audio!, 'base64')));
    assert.ok(audioBack.equals(Buffer.concat(simulatedSpeech(input))));
    const done = events.at(-1);
    assert.equal(done?.type, 'speech.audio.done');
    const record = await usageRecordOf(router, response.headers.get('x-request-id'));
    assert.deepEqual([record.stream, record.inputTokens, record.outputTokens], [true, done?.usage?.input_tokens, done?.usage?.output_tokens]);
  });

  it('falls back to the next target before any byte was sent, sending the same file again', async () => {
    a.fail({ endpoint: 'audio', status: 500 });
    const { data, response } = await client.audio.transcriptions.create({ file: await file(), model: 'listen' }).withResponse();
    assert.equal(data.text, simulatedTranscript('standup.mp3', audio));
    assert.equal(response.headers.get('x-omniroute-provider'), 'b');
    assert.equal(response.headers.get('x-omniroute-attempts'), '2');
    assert.ok(received(a)[0]?.bytes.equals(audio));
    assert.ok(received(b)[0]?.bytes.equals(audio));
    assert.equal(received(b)[0]?.fields.model, 'whisper-1');

    a.fail({ endpoint: 'audio', status: 503 });
    const speech = await client.audio.speech.create({ model: 'speak', input: 'Fallback works.', voice: 'alloy' });
    assert.equal(speech.headers.get('x-omniroute-provider'), 'b');
    assert.ok(Buffer.from(await speech.arrayBuffer()).equals(Buffer.concat(simulatedSpeech('Fallback works.'))));
  });

  it('cuts the connection when the upstream breaks off mid-audio, and never asks another target for what was already sent', async () => {
    a.fail({ endpoint: 'audio', cutAfterChunks: 2 });
    const response = await client.audio.speech.create({ model: 'speak', input: 'Cut me off.', voice: 'alloy' });
    assert.equal(response.status, 200);
    await assert.rejects(response.arrayBuffer());
    assert.equal(b.requests.length, 0);
    const record = await usageRecordOf(router, response.headers.get('x-request-id'));
    assert.equal(record.errorCode, 'stream_interrupted');
  });

  it('logs an audio request as its fields and the file\'s name, type and size, never the audio', async () => {
    assert.equal((await router.manage('PUT', '/api/settings', { requestLogs: { enabled: true, maxBodyBytes: 65536 } })).status, 200);
    try {
      const { response } = await client.audio.transcriptions.create({ file: await file(), model: 'a/whisper-1', language: 'en' }).withResponse();
      const speech = await client.audio.speech.create({ model: 'a/tts-1', input: 'Logged.', voice: 'alloy' });
      await speech.arrayBuffer();
      const logged = async (requestId: string | null) => (await (await router.manage('GET', `/api/usage/request-logs/${requestId}`)).json()) as { requestBody: string; responseBody: string };
      const transcription = await logged(response.headers.get('x-request-id'));
      assert.deepEqual(JSON.parse(transcription.requestBody), { model: 'a/whisper-1', language: 'en', file: "(file 'standup.mp3', audio/mpeg, 40,000 bytes)" });
      assert.equal(JSON.parse(transcription.responseBody).text, simulatedTranscript('standup.mp3', audio));
      const spoken = await logged(speech.headers.get('x-request-id'));
      assert.deepEqual(JSON.parse(spoken.requestBody), { model: 'a/tts-1', input: 'Logged.', voice: 'alloy' });
      assert.equal(spoken.responseBody, '(audio/mpeg audio)');
    } finally {
      await router.manage('PUT', '/api/settings', { requestLogs: { enabled: false, maxBodyBytes: 65536 } });
    }
  });

  it('answers the client mistakes in OpenAI error shape', async () => {
    await assert.rejects(client.audio.transcriptions.create({ model: 'a/whisper-1' } as never), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.param, 'file');
      return true;
    });
    await assert.rejects(client.audio.transcriptions.create({ file: await file(), model: '' }), (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'model');
    const post = (contentType: string, body: string) => fetch(`${router.url}/v1/audio/transcriptions`, { method: 'POST', headers: { 'content-type': contentType }, body });
    const messageOf = async (response: Response) => ((await response.json()) as { error: { message: string } }).error.message;
    const asJson = await post('application/json', JSON.stringify({ model: 'a/whisper-1' }));
    assert.equal(asJson.status, 400);
    assert.match(await messageOf(asJson), /takes a multipart\/form-data body/);
    const boundary = 'cut-short';
    const truncated = `--${boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\na/whisper-1\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.mp3"\r\n\r\nabc`;
    const cut = await post(`multipart/form-data; boundary=${boundary}`, truncated);
    assert.equal(cut.status, 400);
    assert.match(await messageOf(cut), /ends before its closing boundary/);
    await assert.rejects(client.audio.speech.create({ model: 'a/tts-1', input: 'No voice.' } as never), (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'voice');
    await assert.rejects(client.audio.transcriptions.create({ file: await file(), model: 'a/no-such-model' }), (error: unknown) => error instanceof OpenAI.NotFoundError);
    assert.equal(a.requests.length, 1, 'only the unknown model reached the upstream, which refused it');
  });

  it('refuses providers of other families, and pins to a provider on /v1/providers/{provider}/audio/...', async () => {
    await assert.rejects(client.audio.transcriptions.create({ file: await file(), model: 'claude/claude-sonnet-4-5' }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.APIError);
      assert.match(error.message, /openai family/);
      return true;
    });
    const pinned = new OpenAI({ baseURL: `${router.url}/v1/providers/b`, apiKey: 'unused', maxRetries: 0 });
    const { data, response } = await pinned.audio.transcriptions.create({ file: await file(), model: 'whisper-1' }).withResponse();
    assert.equal(data.text, simulatedTranscript('standup.mp3', audio));
    assert.equal(response.headers.get('x-omniroute-provider'), 'b');
    const claudePinned = new OpenAI({ baseURL: `${router.url}/v1/providers/claude`, apiKey: 'unused', maxRetries: 0 });
    await assert.rejects(claudePinned.audio.speech.create({ model: 'claude-sonnet-4-5', input: 'x', voice: 'alloy' }), (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'provider');
  });
});
