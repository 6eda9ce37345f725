/**
 * The simulator is only useful if a client cannot tell it from Deepgram, so every test drives it
 * with plain `fetch` and asserts on the wire: status, headers, and the exact body bytes.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import {
  DEFAULT_DEEPGRAM_STT_MODELS,
  DEFAULT_DEEPGRAM_TTS_MODELS,
  deepgramDuration,
  deepgramSpeech,
  deepgramTranscript,
  startDeepgramSimulator,
} from './deepgram-simulator.js';
import type { DeepgramSimulator } from './deepgram-simulator.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Word {
  word: string;
  start: number;
  end: number;
  confidence: number;
  punctuated_word: string;
  speaker?: number;
}

interface Transcription {
  metadata: {
    request_id: string;
    sha256: string;
    created: string;
    duration: number;
    channels: number;
    models: string[];
    model_info: Record<string, { name: string; version: string; arch: string }>;
  };
  results: {
    channels: { alternatives: { transcript: string; confidence: number; words: Word[] }[]; detected_language?: string; language_confidence?: number }[];
    utterances?: { start: number; end: number; confidence: number; channel: number; transcript: string; words: Word[]; id: string }[];
  };
}

interface ErrorBody {
  err_code: string;
  err_msg: string;
  request_id: string;
}

describe('Deepgram simulator', () => {
  let simulator: DeepgramSimulator;
  let token: Record<string, string>;

  /** Uploads raw audio to /v1/listen with the simulator's key. */
  const listen = (query: string, body: Buffer | string, contentType = 'audio/wav', authorization = token.authorization!): Promise<Response> =>
    fetch(`${simulator.url}/listen${query}`, { method: 'POST', headers: { authorization, 'content-type': contentType }, body });

  /** Asks /v1/speak for `text` as JSON with the simulator's key. */
  const speak = (query: string, text: unknown, authorization = token.authorization!): Promise<Response> =>
    fetch(`${simulator.url}/speak${query}`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ text }) });

  /** Asserts Deepgram's error body, with `request_id` matching the `dg-request-id` header. */
  async function assertError(response: Response, status: number, code: string, message?: RegExp): Promise<ErrorBody> {
    assert.equal(response.status, status);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await response.json()) as ErrorBody;
    assert.deepEqual(Object.keys(body).sort(), ['err_code', 'err_msg', 'request_id']);
    assert.equal(body.err_code, code);
    if (message) assert.match(body.err_msg, message);
    assert.match(body.request_id, UUID);
    assert.equal(response.headers.get('dg-request-id'), body.request_id);
    return body;
  }

  before(async () => {
    simulator = await startDeepgramSimulator();
    token = { authorization: `Token ${simulator.apiKey}` };
  });
  afterEach(() => simulator.reset());
  after(() => simulator.close());

  it('transcribes raw audio into words spread over its duration, and records the bytes intact', async () => {
    const audio = randomBytes(40000);
    const response = await listen('?model=nova-3&smart_format=true&punctuate=true&language=en', audio);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await response.json()) as Transcription;

    const digest = createHash('sha256').update(audio).digest('hex');
    const transcript = deepgramTranscript(audio);
    assert.equal(transcript, `Audio of 40000 bytes with digest ${digest.slice(0, 16)}.`);
    assert.equal(deepgramDuration(audio), 2.5);

    const { metadata } = body;
    assert.equal(response.headers.get('dg-request-id'), metadata.request_id);
    assert.match(metadata.request_id, UUID);
    assert.equal(metadata.sha256, digest);
    assert.ok(!Number.isNaN(Date.parse(metadata.created)));
    assert.equal(metadata.duration, 2.5);
    assert.equal(metadata.channels, 1);
    assert.equal(metadata.models.length, 1);
    assert.match(metadata.models[0]!, UUID);
    assert.deepEqual(metadata.model_info[metadata.models[0]!], { name: 'general-nova-3', version: '2025-07-31.0', arch: 'nova-3' });

    assert.equal(body.results.channels.length, 1);
    const channel = body.results.channels[0]!;
    assert.equal(channel.detected_language, undefined);
    assert.equal(body.results.utterances, undefined);
    const alternative = channel.alternatives[0]!;
    assert.equal(alternative.transcript, transcript);
    assert.equal(typeof alternative.confidence, 'number');
    const { words } = alternative;
    assert.equal(words.length, 7);
    assert.equal(words.map((word) => word.punctuated_word).join(' '), transcript);
    assert.equal(words[0]!.start, 0);
    assert.equal(words.at(-1)!.end, 2.5);
    for (const [index, word] of words.entries()) {
      assert.equal(word.punctuated_word, word.word);
      assert.ok(word.end > word.start);
      if (index > 0) assert.equal(word.start, words[index - 1]!.end);
    }

    assert.equal(simulator.requests.length, 1);
    const recorded = simulator.requests[0]!;
    assert.equal(recorded.method, 'POST');
    assert.equal(recorded.path, '/v1/listen');
    assert.deepEqual(recorded.query, { model: 'nova-3', smart_format: 'true', punctuate: 'true', language: 'en' });
    assert.ok(recorded.body.equals(audio));
    assert.equal(recorded.headers['content-type'], 'audio/wav');
    assert.equal(recorded.aborted, false);
  });

  it('adds utterances of at most four words and the detected language when asked', async () => {
    const audio = randomBytes(1000);
    const response = await listen('?model=nova-2&utterances=true&detect_language=true&language=de', audio, 'audio/mpeg');
    const body = (await response.json()) as Transcription;
    assert.equal(body.metadata.duration, 0.5, 'short audio reports at least half a second');
    const channel = body.results.channels[0]!;
    assert.equal(channel.detected_language, 'de');
    assert.equal(typeof channel.language_confidence, 'number');
    const utterances = body.results.utterances!;
    assert.deepEqual(utterances.map((utterance) => utterance.words.length), [4, 3]);
    assert.equal(utterances.map((utterance) => utterance.transcript).join(' '), deepgramTranscript(audio));
    const words = channel.alternatives[0]!.words;
    for (const utterance of utterances) {
      assert.match(utterance.id, UUID);
      assert.equal(utterance.channel, 0);
      assert.equal(utterance.start, utterance.words[0]!.start);
      assert.equal(utterance.end, utterance.words.at(-1)!.end);
    }
    assert.equal(utterances[1]!.end, words.at(-1)!.end);

    // Without a `language`, detection reports English; without a `model`, the default model answers.
    const plain = (await (await listen('?detect_language=true', audio, 'application/octet-stream')).json()) as Transcription;
    assert.equal(plain.results.channels[0]!.detected_language, 'en');
    assert.equal(Object.values(plain.metadata.model_info)[0]!.arch, 'base');
  });

  it('refuses an unknown model, naming it', async () => {
    const response = await listen('?model=nova-9', randomBytes(100));
    await assertError(response, 400, 'Bad Request', /No such model\/language\/tier combination found.*nova-9/);
  });

  it('answers a bad, missing or Bearer credential with 401 INVALID_AUTH', async () => {
    const audio = randomBytes(100);
    const wrong = await assertError(await listen('', audio, 'audio/wav', 'Token 0000000000000000000000000000000000000000'), 401, 'INVALID_AUTH');
    assert.equal(wrong.err_msg, 'Invalid credentials.');
    await assertError(await listen('', audio, 'audio/wav', `Bearer ${simulator.apiKey}`), 401, 'INVALID_AUTH');
    const missing = await fetch(`${simulator.url}/listen`, { method: 'POST', headers: { 'content-type': 'audio/wav' }, body: audio });
    await assertError(missing, 401, 'INVALID_AUTH');
    await assertError(await speak('', 'hi', 'Token nope'), 401, 'INVALID_AUTH');
    await assertError(await fetch(`${simulator.url}/models`), 401, 'INVALID_AUTH');
  });

  it('refuses empty, non-audio and remote-URL bodies with 400', async () => {
    await assertError(await listen('', Buffer.alloc(0)), 400, 'Bad Request', /corrupt or unsupported data/);
    await assertError(await listen('', 'just text', 'text/plain'), 400, 'Bad Request', /corrupt or unsupported data/);
    await assertError(await listen('', JSON.stringify({ url: 'https://example.com/a.wav' }), 'application/json'), 400, 'Bad Request', /remote URLs are not available/);
    await assertError(await listen('', '{"url":', 'application/json'), 400, 'Bad Request', /could not process the JSON payload/);
  });

  it('answers /v1/speak with the simulated audio, mp3 by default', async () => {
    const text = 'Hello from the simulator.';
    const response = await speak('?model=aura-2-thalia-en', text);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'audio/mpeg');
    assert.match(response.headers.get('dg-request-id') ?? '', UUID);
    assert.equal(response.headers.get('dg-model-name'), 'aura-2-thalia-en');
    assert.match(response.headers.get('dg-model-uuid') ?? '', UUID);
    assert.equal(response.headers.get('dg-char-count'), String(text.length));
    const audio = Buffer.from(await response.arrayBuffer());
    assert.ok(audio.equals(Buffer.concat(deepgramSpeech(text, 'mp3'))));
    assert.ok(audio.equals(Buffer.concat(deepgramSpeech(text))));
    const recorded = simulator.requests[0]!;
    assert.deepEqual(JSON.parse(recorded.body.toString('utf8')), { text });
    assert.deepEqual(recorded.query, { model: 'aura-2-thalia-en' });
  });

  it('chooses the Content-Type from encoding and container', async () => {
    const text = 'Encoding test';
    const cases: [string, string, string][] = [
      ['?encoding=linear16&container=wav&sample_rate=24000', 'linear16', 'audio/wav'],
      ['?encoding=linear16', 'linear16', 'audio/wav'],
      ['?encoding=linear16&container=none', 'linear16', 'audio/l16'],
      ['?encoding=mulaw&container=wav&sample_rate=8000', 'mulaw', 'audio/wav'],
      ['?encoding=opus', 'opus', 'audio/ogg'],
      ['?encoding=flac', 'flac', 'audio/flac'],
      ['?encoding=aac&model=aura-2-andromeda-en', 'aac', 'audio/aac'],
    ];
    for (const [query, encoding, contentType] of cases) {
      const response = await speak(query, text);
      assert.equal(response.status, 200, query);
      assert.equal(response.headers.get('content-type'), contentType, query);
      assert.ok(Buffer.from(await response.arrayBuffer()).equals(Buffer.concat(deepgramSpeech(text, encoding))), query);
    }
    assert.ok(!Buffer.concat(deepgramSpeech(text, 'linear16')).equals(Buffer.concat(deepgramSpeech(text, 'mp3'))));
  });

  it('refuses bad /v1/speak requests the way Deepgram documents', async () => {
    await assertError(await speak('?model=aura-9-nobody-en', 'hi'), 400, 'Bad Request', /No such model.*aura-9-nobody-en/);
    await assertError(await speak('?encoding=wav', 'hi'), 400, 'INVALID_QUERY_PARAMETER', /unknown variant `wav`/);
    await assertError(await speak('?encoding=mp3&container=wav', 'hi'), 400, 'INVALID_QUERY_PARAMETER', /container is not applicable when encoding=mp3/);
    await assertError(await speak('?encoding=linear16&container=ogg', 'hi'), 400, 'INVALID_QUERY_PARAMETER', /container=ogg is invalid when encoding=linear16/);
    await assertError(await speak('?encoding=mulaw&sample_rate=24000', 'hi'), 400, 'INVALID_QUERY_PARAMETER', /sample_rate must be 8000 or 16000/);
    await assertError(await speak('', ''), 400, 'Bad Request', /Input text contains no characters/);
    await assertError(await speak('', 42), 400, 'PAYLOAD_ERROR');
    const notJson = await fetch(`${simulator.url}/speak`, { method: 'POST', headers: { ...token, 'content-type': 'application/json' }, body: '{"text":' });
    await assertError(notJson, 400, 'PAYLOAD_ERROR', /Failed to deserialize JSON payload/);
    const wrongType = await fetch(`${simulator.url}/speak`, { method: 'POST', headers: { ...token, 'content-type': 'application/xml' }, body: '<text/>' });
    await assertError(wrongType, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('cuts /v1/speak after the asked number of chunks, so reading the body fails', async () => {
    simulator.fail({ endpoint: 'speak', cutAfterChunks: 1, chunkDelayMs: 10 });
    const response = await speak('', 'cut me');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'audio/mpeg');
    await assert.rejects(response.arrayBuffer());
    // The fault was used up; the next request gets the whole answer, and the cut is no abort.
    const whole = await speak('', 'cut me');
    assert.ok(Buffer.from(await whole.arrayBuffer()).equals(Buffer.concat(deepgramSpeech('cut me'))));
    assert.equal(simulator.requests[0]!.aborted, false);
  });

  it('cuts /v1/listen after half the JSON, so reading the body fails', async () => {
    simulator.fail({ cutAfterChunks: 1 });
    const response = await listen('?model=nova-3', randomBytes(2000));
    assert.equal(response.status, 200);
    await assert.rejects(response.json());
  });

  it('answers a status fault with Deepgram\'s body for that status, once, on its endpoint only', async () => {
    simulator.fail({ status: 429, headers: { 'retry-after': '2' } });
    simulator.fail({ status: 402, endpoint: 'speak' });
    // The speak fault waits for a speak request: a second listen succeeds.
    const limited = await listen('', randomBytes(100));
    assert.equal(limited.headers.get('retry-after'), '2');
    await assertError(limited, 429, 'TOO_MANY_REQUESTS', /^Too many requests\. Please try again later$/);
    assert.equal((await listen('', randomBytes(100))).status, 200);
    await assertError(await speak('', 'hi'), 402, 'ASR_PAYMENT_REQUIRED', /does not have enough credits/);
    assert.equal((await speak('', 'hi')).status, 200);

    simulator.fail({ status: 503, body: { err_code: 'CUSTOM', err_msg: 'custom body' } });
    const custom = await listen('', randomBytes(100));
    assert.equal(custom.status, 503);
    assert.deepEqual(await custom.json(), { err_code: 'CUSTOM', err_msg: 'custom body' });

    // A request with a bad key is refused before it takes a queued fault.
    simulator.fail({ status: 500 });
    await assertError(await listen('', randomBytes(100), 'audio/wav', 'Token wrong'), 401, 'INVALID_AUTH');
    await assertError(await listen('', randomBytes(100)), 500, 'INTERNAL_SERVER_ERROR');
  });

  it('delays the answer when asked', async () => {
    simulator.fail({ endpoint: 'speak', delayMs: 60, chunkDelayMs: 15 });
    const started = performance.now();
    const response = await speak('', 'slow');
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(Buffer.concat(deepgramSpeech('slow'))));
    // The initial delay, then a pause before each chunk after the first.
    assert.ok(performance.now() - started >= 60 + (deepgramSpeech('slow').length - 1) * 15 - 5);
  });

  it('lists the configured models in Deepgram\'s shape', async () => {
    const response = await fetch(`${simulator.url}/models`, { headers: token });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { stt: Record<string, unknown>[]; tts: Record<string, unknown>[] };
    assert.deepEqual(body.stt.map((model) => model.canonical_name), [...DEFAULT_DEEPGRAM_STT_MODELS]);
    assert.deepEqual(body.tts.map((model) => model.canonical_name), [...DEFAULT_DEEPGRAM_TTS_MODELS]);
    for (const model of [...body.stt, ...body.tts]) {
      for (const field of ['name', 'canonical_name', 'architecture', 'languages', 'version', 'uuid']) assert.ok(field in model, field);
      assert.match(model.uuid as string, UUID);
    }
    assert.deepEqual(body.stt[0], {
      name: 'nova-3',
      canonical_name: 'nova-3',
      architecture: 'nova-3',
      languages: ['en', 'en-US'],
      version: '2025-07-31.0',
      uuid: body.stt[0]!.uuid,
      batch: true,
      streaming: true,
      formatted_output: true,
    });
    assert.deepEqual({ name: body.tts[0]!.name, architecture: body.tts[0]!.architecture }, { name: 'thalia', architecture: 'aura-2' });
    assert.equal(typeof body.tts[0]!.metadata, 'object');

    // The same UUID identifies the model in a transcription's metadata.
    const transcription = (await (await listen('?model=nova-3', randomBytes(100))).json()) as Transcription;
    assert.deepEqual(transcription.metadata.models, [body.stt[0]!.uuid]);
  });

  it('hangs until the client aborts, and records the abort', async () => {
    simulator.fail({ hang: true });
    const controller = new AbortController();
    const pending = fetch(`${simulator.url}/listen`, { method: 'POST', headers: { ...token, 'content-type': 'audio/wav' }, body: randomBytes(100), signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, (error: unknown) => error instanceof Error && error.name === 'AbortError');
    await simulator.waitForAborted(1, 2000);
    assert.equal(simulator.requests[0]!.aborted, true);
  });

  it('answers unknown routes with 404 in Deepgram\'s body, and reset clears the abort count', async () => {
    await assertError(await fetch(`${simulator.url}/transcribe`, { method: 'POST', headers: token }), 404, 'NOT_FOUND', /POST \/v1\/transcribe/);
    await assertError(await fetch(`${simulator.url}/listen`, { headers: token }), 404, 'NOT_FOUND');
    assert.equal(simulator.requests.length, 2);
    simulator.reset();
    assert.deepEqual(simulator.requests, []);
    await assert.rejects(simulator.waitForAborted(1, 20), /expected 1 aborted request\(s\) within 20 ms, saw 0/);
  });

  it('takes another key and other models, and close() ends hanging requests', async () => {
    const other = await startDeepgramSimulator({ apiKey: 'other-key', sttModels: ['whisper'], ttsModels: ['aura-asteria-en'] });
    const headers = { authorization: 'Token other-key', 'content-type': 'audio/wav' };
    assert.equal((await fetch(`${other.url}/listen?model=whisper`, { method: 'POST', headers, body: randomBytes(10) })).status, 200);
    assert.equal((await fetch(`${other.url}/listen?model=nova-3`, { method: 'POST', headers, body: randomBytes(10) })).status, 400);
    const models = (await (await fetch(`${other.url}/models`, { headers })).json()) as { tts: { name: string; architecture: string }[] };
    assert.deepEqual(models.tts.map((model) => [model.name, model.architecture]), [['asteria', 'aura']]);
    // The default voice is not among this simulator's models, so a speak request must name one.
    const speakHeaders = { authorization: 'Token other-key', 'content-type': 'application/json' };
    assert.equal((await fetch(`${other.url}/speak`, { method: 'POST', headers: speakHeaders, body: '{"text":"hi"}' })).status, 400);
    assert.equal((await fetch(`${other.url}/speak?model=aura-asteria-en`, { method: 'POST', headers: speakHeaders, body: '{"text":"hi"}' })).status, 200);

    other.fail({ hang: true });
    const pending = fetch(`${other.url}/listen`, { method: 'POST', headers, body: randomBytes(10) });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const started = performance.now();
    await other.close();
    assert.ok(performance.now() - started < 500);
    await assert.rejects(pending);
    assert.equal(other.requests.at(-1)!.aborted, false);
  });

  it('derives speech deterministically, in several chunks of a few KB', () => {
    const chunks = deepgramSpeech('same text', 'opus');
    assert.ok(chunks.length >= 3);
    for (const chunk of chunks) assert.ok(chunk.length >= 1024 && chunk.length <= 16384);
    assert.ok(Buffer.concat(chunks).equals(Buffer.concat(deepgramSpeech('same text', 'opus'))));
    assert.ok(!Buffer.concat(chunks).equals(Buffer.concat(deepgramSpeech('other text', 'opus'))));
    assert.equal(deepgramDuration(Buffer.alloc(12345)), 0.772);
    assert.equal(deepgramDuration(Buffer.alloc(0)), 0.5);
  });
});
