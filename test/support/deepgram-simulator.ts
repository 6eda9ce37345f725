/**
 * A stand-in for Deepgram: a real HTTP server on loopback that speaks the pre-recorded
 * transcription (`POST /v1/listen`), text-to-speech (`POST /v1/speak`) and model list
 * (`GET /v1/models`) wire formats, with Deepgram's `{err_code, err_msg, request_id}` errors, and
 * fails on demand.
 *
 * The simulated transcript names the byte count and a digest of the audio, so a test can tell that
 * the upload reached the upstream intact; the simulated speech is bytes derived from the text.
 *
 * @see https://developers.deepgram.com/reference/speech-to-text/listen-pre-recorded
 * @see https://developers.deepgram.com/reference/text-to-speech/speak-request
 * @see https://developers.deepgram.com/docs/tts-media-output-settings
 * @see https://developers.deepgram.com/reference/manage/models/list
 * @see https://developers.deepgram.com/docs/errors
 */
import { pause, readBodyBytes, writeChunks, writeWhole } from './openai-simulator-http.js';
import type { RequestState } from './openai-simulator-http.js';
import { SimulatorScript, type SimulatorControls } from './simulator-script.js';
import { serveOnLoopback } from './simulator-server.js';
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** Shaped like a real Deepgram key: 40 lowercase hex characters. */
export const DEFAULT_DEEPGRAM_API_KEY = '5f0c3a9e17b24d68a0e4c2b7d91f3a6e8c05b7d2';
export const DEFAULT_DEEPGRAM_STT_MODELS: readonly string[] = ['nova-3', 'nova-2'];
export const DEFAULT_DEEPGRAM_TTS_MODELS: readonly string[] = ['aura-2-thalia-en', 'aura-2-andromeda-en'];

/** The voice `/v1/speak` uses when the request names no `model`. */
const DEFAULT_SPEAK_MODEL = 'aura-2-thalia-en';
/** Version strings in the documented `YYYY-MM-DD.N` form; fixed so answers stay comparable. */
const STT_MODEL_VERSION = '2025-07-31.0';
const TTS_MODEL_VERSION = '2025-04-07.0';
/** Confidence every simulated word, alternative and utterance reports. */
const WORD_CONFIDENCE = 0.99;
/** Words per utterance when `utterances=true`; real utterances split on pauses, the simulator on count. */
const WORDS_PER_UTTERANCE = 4;

/** A failure injected into the next request of one endpoint. */
export interface DeepgramFault {
  /** Answer with this status and Deepgram's error body instead. */
  status?: number;
  /** Error body to send instead of the default for `status` (object sent as JSON, a string raw). */
  body?: unknown;
  /** Extra response headers (e.g. `retry-after`), sent with whatever response this request gets. */
  headers?: Record<string, string>;
  /** Wait before sending headers. */
  delayMs?: number;
  /** Wait between audio chunks of /v1/speak. */
  chunkDelayMs?: number;
  /** /v1/speak: destroy the socket after this many audio chunks. /v1/listen: after half the JSON. */
  cutAfterChunks?: number;
  /** Accept the request and never answer, until the client goes away. */
  hang?: boolean;
  /** Which endpoint's next request takes this fault; 'listen' when omitted. */
  endpoint?: 'listen' | 'speak';
}

/** One request as the simulator received it. */
export interface DeepgramRecordedRequest {
  method: string;
  /** Without the query string. */
  path: string;
  /** Every query parameter; when one repeats, the last value wins. */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The raw body bytes, exactly as received. */
  body: Buffer;
  /** The client closed the connection before the simulator finished answering. */
  aborted: boolean;
}

export interface DeepgramSimulatorOptions {
  apiKey?: string;
  sttModels?: string[];
  ttsModels?: string[];
}

export interface DeepgramSimulator extends Omit<SimulatorControls<DeepgramFault, never, never, DeepgramRecordedRequest>, 'reply' | 'setDefault' | 'respondWith'> {
  /** Base URL including `/v1`, e.g. http://127.0.0.1:PORT/v1 */
  url: string;
  port: number;
  apiKey: string;
  /** Queue a fault for the next authorised request of its endpoint (FIFO per endpoint). */
  fail(fault: DeepgramFault): void;
}

/** Deepgram's error body; `request_id` repeats the `dg-request-id` header. */
interface DeepgramErrorBody {
  err_code: string;
  err_msg: string;
  request_id: string;
}

type Endpoint = NonNullable<DeepgramFault['endpoint']>;

const sha256 = (bytes: Buffer | string): Buffer => createHash('sha256').update(bytes).digest();
const roundMillis = (seconds: number): number => Math.round(seconds * 1000) / 1000;

/** The transcript the simulator produces for these audio bytes (so tests can tell the audio arrived intact). */
export function deepgramTranscript(bytes: Buffer): string {
  return `Audio of ${bytes.length} bytes with digest ${sha256(bytes).toString('hex').slice(0, 16)}.`;
}

/** Seconds of audio the simulator reports for these bytes: bytes / 16000, rounded to 3 decimals, at least 0.5. */
export function deepgramDuration(bytes: Buffer): number {
  return Math.max(0.5, roundMillis(bytes.length / 16000));
}

/** The audio bytes /v1/speak answers for a text and encoding, chunk by chunk (at least 3 chunks of a few KB). */
export function deepgramSpeech(text: string, encoding = 'mp3'): Buffer[] {
  const chunks: Buffer[] = [];
  let seed = sha256(`${encoding}:${text}`);
  // Four chunks of 4 KB: enough that a relay which buffered the whole answer would be seen to.
  for (let index = 0; index < 4; index++) {
    const chunk = Buffer.alloc(4096);
    for (let offset = 0; offset < chunk.length; offset += seed.length) {
      seed.copy(chunk, offset);
      seed = sha256(seed);
    }
    chunks.push(chunk);
  }
  return chunks;
}

/** A stable v4-shaped UUID per model name, so `/v1/models` and `metadata.models` agree. */
function modelUuid(name: string): string {
  const hex = sha256(`deepgram-simulator-model:${name}`).toString('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Content-Type per `encoding` and `container`, following the documented audio format combinations:
 * the first container listed is the default, and '' marks an encoding that takes no container.
 * Deepgram documents mp3 as `audio/mpeg`; the other types are the usual registrations.
 */
const SPEECH_CONTENT_TYPES: Record<string, Record<string, string>> = {
  linear16: { wav: 'audio/wav', none: 'audio/l16' },
  mulaw: { wav: 'audio/wav', none: 'audio/basic' },
  alaw: { wav: 'audio/wav', none: 'audio/x-alaw-basic' },
  mp3: { '': 'audio/mpeg' },
  opus: { ogg: 'audio/ogg' },
  flac: { '': 'audio/flac' },
  aac: { '': 'audio/aac' },
};

/** Sample rates each encoding accepts; mp3, opus and aac are fixed at one rate. */
const SPEECH_SAMPLE_RATES: Record<string, readonly string[]> = {
  linear16: ['8000', '16000', '24000', '32000', '48000'],
  mulaw: ['8000', '16000'],
  alaw: ['8000', '16000'],
  mp3: ['22050'],
  opus: ['48000'],
  flac: ['8000', '16000', '22050', '32000', '48000'],
  aac: ['22050'],
};

/** Default error code and message per status, as the errors reference shows them. */
const DEFAULT_FAULT_ERRORS: Record<number, readonly [string, string]> = {
  400: ['Bad Request', 'Bad Request: failed to process audio: corrupt or unsupported data'],
  401: ['INVALID_AUTH', 'Invalid credentials.'],
  402: ['ASR_PAYMENT_REQUIRED', 'Project does not have enough credits for an ASR request and does not have an overage agreement.'],
  403: ['INSUFFICIENT_PERMISSIONS', 'Project does not have access to the requested model.'],
  413: ['PAYLOAD_TOO_LARGE', 'Payload size exceeds limit of 2 MB.'],
  422: ['UNPROCESSABLE_ENTITY', 'Failed to handle request.'],
  429: ['TOO_MANY_REQUESTS', 'Too many requests. Please try again later'],
  500: ['INTERNAL_SERVER_ERROR', 'Internal server error. Please try again later.'],
  502: ['Bad Gateway', 'Please try again later'],
  503: ['Service Unavailable', 'Please try again later'],
  504: ['Gateway Timeout', 'Please try again later'],
};

/** Where text-to-speech documents a different body for the same status. */
const SPEAK_FAULT_ERRORS: Record<number, readonly [string, string]> = {
  400: ['Bad Request', 'Input text contains no characters.'],
  429: ['Too Many Requests', 'Please try again later.'],
};

function defaultFaultBody(status: number, endpoint: Endpoint, requestId: string): DeepgramErrorBody {
  const known = (endpoint === 'speak' ? SPEAK_FAULT_ERRORS[status] : undefined) ?? DEFAULT_FAULT_ERRORS[status];
  const [code, message] = known ?? (status >= 500 ? ['INTERNAL_SERVER_ERROR', 'Please try again later'] : ['Bad Request', `Request failed with status ${status}.`]);
  return { err_code: code, err_msg: message, request_id: requestId };
}

/** What Deepgram accepts as an audio upload; anything else is not decoded. */
function isAudioType(contentType: string): boolean {
  return contentType.startsWith('audio/') || contentType.startsWith('video/') || contentType.startsWith('application/octet-stream');
}

/** `results` and `metadata` of a pre-recorded transcription of these bytes. */
function transcription(bytes: Buffer, query: Record<string, string>, model: string, requestId: string): unknown {
  const transcript = deepgramTranscript(bytes);
  const duration = deepgramDuration(bytes);
  const tokens = transcript.split(' ');
  const step = duration / tokens.length;
  // smart_format and punctuate change nothing: the simulated transcript is already formatted.
  const words = tokens.map((word, index) => ({
    word,
    start: roundMillis(index * step),
    end: roundMillis((index + 1) * step),
    confidence: WORD_CONFIDENCE,
    punctuated_word: word,
  }));
  const channel: Record<string, unknown> = { alternatives: [{ transcript, confidence: WORD_CONFIDENCE, words }] };
  if (query.detect_language === 'true') {
    channel.detected_language = query.language ?? 'en';
    channel.language_confidence = WORD_CONFIDENCE;
  }
  const results: Record<string, unknown> = { channels: [channel] };
  if (query.utterances === 'true') {
    const utterances: unknown[] = [];
    for (let first = 0; first < words.length; first += WORDS_PER_UTTERANCE) {
      const group = words.slice(first, first + WORDS_PER_UTTERANCE).map((word) => ({ ...word, speaker: 0 }));
      utterances.push({
        start: group[0]!.start,
        end: group.at(-1)!.end,
        confidence: WORD_CONFIDENCE,
        channel: 0,
        transcript: group.map((word) => word.punctuated_word).join(' '),
        words: group,
        speaker: 0,
        id: randomUUID(),
      });
    }
    results.utterances = utterances;
  }
  const uuid = modelUuid(model);
  return {
    metadata: {
      transaction_key: 'deprecated',
      request_id: requestId,
      sha256: sha256(bytes).toString('hex'),
      created: new Date().toISOString(),
      duration,
      channels: 1,
      models: [uuid],
      // Keyed by model UUID, as Deepgram does; `base` reports itself as the general model.
      model_info: { [uuid]: { name: model === 'base' ? 'general' : `general-${model}`, version: STT_MODEL_VERSION, arch: model } },
    },
    results,
  };
}

/** One `stt` entry of `/v1/models`. */
function sttModelEntry(name: string): unknown {
  return {
    name,
    canonical_name: name,
    architecture: name,
    languages: ['en', 'en-US'],
    version: STT_MODEL_VERSION,
    uuid: modelUuid(name),
    batch: true,
    streaming: true,
    formatted_output: true,
  };
}

/** One `tts` entry of `/v1/models`: `aura-2-thalia-en` is the voice `thalia` of architecture `aura-2`. */
function ttsModelEntry(canonicalName: string): unknown {
  const parts = canonicalName.split('-');
  const language = parts.length > 2 ? parts.at(-1)! : 'en';
  const architecture = parts[1] !== undefined && /^\d+$/.test(parts[1]) ? `${parts[0]}-${parts[1]}` : (parts[0] ?? canonicalName);
  const voice = canonicalName.slice(architecture.length + 1, canonicalName.length - language.length - 1) || canonicalName;
  return {
    name: voice,
    canonical_name: canonicalName,
    architecture,
    languages: language === 'en' ? ['en', 'en-US'] : [language],
    version: TTS_MODEL_VERSION,
    uuid: modelUuid(canonicalName),
    metadata: { accent: 'American', age: 'Adult', color: '#5B8DEF', image: `https://static.deepgram.com/examples/avatars/${voice}.jpg`, sample: `https://static.deepgram.com/examples/Aura-2-${voice}.wav`, tags: ['simulated'], use_cases: ['Testing'] },
  };
}

/**
 * Starts a simulator on 127.0.0.1 with an ephemeral port. Each test file starts its own, so tests
 * running in parallel never share fault queues.
 */
export async function startDeepgramSimulator(options: DeepgramSimulatorOptions = {}): Promise<DeepgramSimulator> {
  const apiKey = options.apiKey ?? DEFAULT_DEEPGRAM_API_KEY;
  const sttModels = new Set(options.sttModels ?? DEFAULT_DEEPGRAM_STT_MODELS);
  const ttsModels = new Set(options.ttsModels ?? DEFAULT_DEEPGRAM_TTS_MODELS);
  const modelListBody = JSON.stringify({ stt: [...sttModels].map(sttModelEntry), tts: [...ttsModels].map(ttsModelEntry) });

  const script = new SimulatorScript<DeepgramFault, never, never, DeepgramRecordedRequest>();
  const { faults, requests } = script;

  /** API keys go as `Token <key>`; a `Bearer` header carries a temporary token, which this simulator never issues. */
  function authorized(req: IncomingMessage): boolean {
    const match = /^token\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return match !== null && match[1] === apiKey;
  }

  function headersFor(contentType: string, requestId: string, fault: DeepgramFault | undefined): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': contentType, 'dg-request-id': requestId };
    return fault?.headers ? { ...headers, ...fault.headers } : headers;
  }

  function sendWhole(res: ServerResponse, status: number, contentType: string, body: string, requestId: string, fault?: DeepgramFault): void {
    const headers = headersFor(contentType, requestId, fault);
    headers['content-length'] = String(Buffer.byteLength(body));
    res.writeHead(status, headers);
    res.end(body);
  }

  function sendError(res: ServerResponse, status: number, code: string, message: string, requestId: string, fault?: DeepgramFault): void {
    const body: DeepgramErrorBody = { err_code: code, err_msg: message, request_id: requestId };
    sendWhole(res, status, 'application/json', JSON.stringify(body), requestId, fault);
  }

  /** The first queued fault meant for this endpoint ('listen' when a fault names none). */
  function takeFault(endpoint: Endpoint): DeepgramFault | undefined {
    const index = faults.findIndex((fault) => (fault.endpoint ?? 'listen') === endpoint);
    return index === -1 ? undefined : faults.splice(index, 1)[0];
  }

  /** Applies a fault's delay, hang or error status; true when the request is answered (or gone). */
  async function applyFault(res: ServerResponse, state: RequestState, fault: DeepgramFault | undefined, endpoint: Endpoint, requestId: string): Promise<boolean> {
    if (fault?.delayMs) {
      await pause(fault.delayMs, res);
      if (state.closed) return true;
    }
    // Hanging means holding the connection open without a byte; the close listener notes the abort.
    if (fault?.hang) return true;
    if (fault?.status === undefined) return false;
    const body = fault.body === undefined ? defaultFaultBody(fault.status, endpoint, requestId) : fault.body;
    if (typeof body === 'string') sendWhole(res, fault.status, 'text/plain; charset=utf-8', body, requestId, fault);
    else sendWhole(res, fault.status, 'application/json', JSON.stringify(body), requestId, fault);
    return true;
  }

  /** `POST /v1/listen`: raw audio in, a transcription out (or half of one, then a cut). */
  async function handleListen(req: IncomingMessage, res: ServerResponse, state: RequestState, query: Record<string, string>, bytes: Buffer, requestId: string): Promise<void> {
    if (!authorized(req)) return sendError(res, 401, 'INVALID_AUTH', 'Invalid credentials.', requestId);
    const fault = takeFault('listen');
    if (await applyFault(res, state, fault, 'listen', requestId)) return;
    const model = query.model ?? 'base';
    if (query.model !== undefined && !sttModels.has(model)) {
      return sendError(res, 400, 'Bad Request', `Bad Request: No such model/language/tier combination found (model=${model}).`, requestId, fault);
    }
    const contentType = (req.headers['content-type'] ?? '').toLowerCase();
    if (contentType.startsWith('application/json')) {
      let remote: unknown;
      try {
        remote = JSON.parse(bytes.toString('utf8'));
      } catch {
        return sendError(res, 400, 'Bad Request', 'Content-type was application/json, but we could not process the JSON payload.', requestId, fault);
      }
      const hasUrl = typeof remote === 'object' && remote !== null && 'url' in remote;
      const message = hasUrl ? 'Bad Request: remote URLs are not available in the simulator; send the audio bytes instead.' : 'Content-type was application/json, but we could not process the JSON payload.';
      return sendError(res, 400, 'Bad Request', message, requestId, fault);
    }
    if (!isAudioType(contentType) || bytes.length === 0) {
      return sendError(res, 400, 'Bad Request', 'Bad Request: failed to process audio: corrupt or unsupported data', requestId, fault);
    }
    const body = Buffer.from(JSON.stringify(transcription(bytes, query, model, requestId)));
    return writeWhole(res, state, 200, headersFor('application/json', requestId, fault), body, fault?.cutAfterChunks !== undefined);
  }

  /** `POST /v1/speak`: text in (JSON or plain), audio chunks out, written one by one. */
  async function handleSpeak(req: IncomingMessage, res: ServerResponse, state: RequestState, query: Record<string, string>, bytes: Buffer, requestId: string): Promise<void> {
    if (!authorized(req)) return sendError(res, 401, 'INVALID_AUTH', 'Invalid credentials.', requestId);
    const fault = takeFault('speak');
    if (await applyFault(res, state, fault, 'speak', requestId)) return;
    const refuse = (status: number, code: string, message: string): void => sendError(res, status, code, message, requestId, fault);

    const model = query.model ?? DEFAULT_SPEAK_MODEL;
    if (!ttsModels.has(model)) return refuse(400, 'Bad Request', `Bad Request: No such model/language/tier combination found (model=${model}).`);
    const encoding = query.encoding ?? 'mp3';
    const containers = SPEECH_CONTENT_TYPES[encoding];
    if (containers === undefined) {
      const known = Object.keys(SPEECH_CONTENT_TYPES).map((name) => `\`${name}\``).join(', ');
      return refuse(400, 'INVALID_QUERY_PARAMETER', `Failed to deserialize query parameters: unknown variant \`${encoding}\`, expected one of ${known}`);
    }
    const container = query.container ?? Object.keys(containers)[0]!;
    const contentType = containers[container];
    if (contentType === undefined) {
      const why = '' in containers ? `container is not applicable when encoding=${encoding}` : `container=${container} is invalid when encoding=${encoding}`;
      return refuse(400, 'INVALID_QUERY_PARAMETER', `Unsupported audio format: ${why}`);
    }
    const rates = SPEECH_SAMPLE_RATES[encoding]!;
    if (query.sample_rate !== undefined && !rates.includes(query.sample_rate)) {
      return refuse(400, 'INVALID_QUERY_PARAMETER', `Unsupported audio format: sample_rate must be ${rates.join(' or ')} when encoding=${encoding}`);
    }

    const bodyType = (req.headers['content-type'] ?? '').toLowerCase();
    let text: unknown;
    if (bodyType.startsWith('application/json')) {
      try {
        text = (JSON.parse(bytes.toString('utf8')) as { text?: unknown } | null)?.text;
      } catch {
        text = undefined;
      }
      if (typeof text !== 'string') {
        return refuse(400, 'PAYLOAD_ERROR', 'Failed to deserialize JSON payload. Please specify exactly one of `text` or `url` in the JSON body.');
      }
    } else if (bodyType.startsWith('text/plain')) {
      text = bytes.toString('utf8');
    } else {
      return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', '`Content-Type` header is not supported. `Content-Type` must be either `text/plain` or `application/json`.');
    }
    if (typeof text !== 'string' || text.trim() === '') return refuse(400, 'Bad Request', 'Input text contains no characters.');

    const chunks = deepgramSpeech(text, encoding);
    const headers = headersFor(contentType, requestId, fault);
    Object.assign(headers, { 'dg-model-name': model, 'dg-model-uuid': modelUuid(model), 'dg-char-count': String([...text].length) });
    res.writeHead(200, headers);
    // A cut always happens when one is asked for: after every chunk it still withholds the end of the body.
    return writeChunks(res, state, chunks, fault, true);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    // Object.fromEntries keeps the last value of a repeated parameter.
    const query = Object.fromEntries(new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1)));
    const recorded: DeepgramRecordedRequest = { method, path, query, headers: req.headers, body: Buffer.alloc(0), aborted: false };
    requests.push(recorded);
    const requestId = randomUUID();
    const state: RequestState = { closed: false, cutBySimulator: false };
    script.watch(res, state, recorded);

    try {
      recorded.body = await readBodyBytes(req);
    } catch {
      return; // The client went away mid-body; the close listener records it.
    }
    if (path === '/v1/listen' && method === 'POST') return handleListen(req, res, state, query, recorded.body, requestId);
    if (path === '/v1/speak' && method === 'POST') return handleSpeak(req, res, state, query, recorded.body, requestId);
    if (path === '/v1/models' && method === 'GET') {
      if (!authorized(req)) return sendError(res, 401, 'INVALID_AUTH', 'Invalid credentials.', requestId);
      return sendWhole(res, 200, 'application/json', modelListBody, requestId);
    }
    sendError(res, 404, 'NOT_FOUND', `Not Found: no route for ${method} ${path}.`, requestId);
  }

  const { server, port } = await serveOnLoopback(handle);
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    apiKey,
    ...script.controls(server),
  };
}
