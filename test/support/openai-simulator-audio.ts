/**
 * Wire builders of the OpenAI simulator's audio endpoints, in the documented shapes:
 * transcriptions and translations take a multipart form (parsed here with the web platform's own
 * FormData parser, not the router's), speech takes JSON and answers with audio bytes or events.
 *
 * The simulated "transcript" names the file and a digest of its bytes, so a test can tell that the
 * audio reached the upstream intact; the simulated audio is bytes derived from the input text.
 *
 * @see https://platform.openai.com/docs/api-reference/audio
 */
import { createHash } from 'node:crypto';
import { missingParameterEnvelope, modelNotFoundEnvelope, type OpenAiErrorEnvelope } from './openai-simulator-errors.js';
import { countSimulatedTokens } from './openai-simulator-wire.js';

/** What an audio request is answered with: an error, a whole body, or a stream of chunks. */
export type AudioAnswer =
  | { kind: 'error'; status: number; body: OpenAiErrorEnvelope }
  | { kind: 'whole'; contentType: string; body: string }
  | { kind: 'stream'; contentType: string; chunks: (string | Buffer)[] };

/** The file a transcription request carried, as the simulator received it. */
export interface ReceivedAudio {
  fields: Record<string, string>;
  filename: string;
  fileType: string;
  bytes: Buffer;
}

/** Models billed by token (the gpt-4o transcribe family) as against Whisper, billed by the second. */
const tokenBilled = (model: string): boolean => model.startsWith('gpt-4o');

/** Seconds of audio the simulator pretends a file holds: one per 16 KB, at least one. */
export const simulatedSeconds = (bytes: number): number => Math.max(1, Math.round(bytes / 16384));

/** The text every simulated transcription of these bytes produces. */
export function simulatedTranscript(filename: string, bytes: Buffer): string {
  return `Transcript of ${filename}: ${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.`;
}

/** Audio tokens the simulator bills for a file: one per 100 bytes, at least one. */
export const simulatedAudioTokens = (bytes: number): number => Math.max(1, Math.ceil(bytes / 100));

/** Parses a multipart form the way a server built on the web platform does; undefined when it is not one. */
export async function readAudioForm(raw: Buffer, contentType: string | undefined): Promise<ReceivedAudio | OpenAiErrorEnvelope> {
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': contentType ?? '' } }).formData();
  } catch {
    return { error: { message: 'Could not parse multipart form', type: 'invalid_request_error', param: null, code: null } };
  }
  const fields: Record<string, string> = {};
  let file: File | undefined;
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else if (name === 'file') file = value;
  }
  if (!file) return missingParameterEnvelope('file');
  return { fields, filename: file.name, fileType: file.type, bytes: Buffer.from(await file.arrayBuffer()) };
}

/** `POST /v1/audio/transcriptions` and `/v1/audio/translations`. */
export function transcriptionAnswer(audio: ReceivedAudio, task: 'transcribe' | 'translate', models: ReadonlySet<string>): AudioAnswer {
  const model = audio.fields.model;
  if (model === undefined) return { kind: 'error', status: 400, body: missingParameterEnvelope('model') };
  if (!models.has(model)) return { kind: 'error', status: 404, body: modelNotFoundEnvelope(model) };
  const format = audio.fields.response_format ?? 'json';
  const text = simulatedTranscript(audio.filename, audio.bytes);
  const seconds = simulatedSeconds(audio.bytes.length);
  const outputTokens = countSimulatedTokens(text);
  const audioTokens = simulatedAudioTokens(audio.bytes.length);
  const tokens = { type: 'tokens', input_tokens: audioTokens, output_tokens: outputTokens, total_tokens: audioTokens + outputTokens, input_token_details: { text_tokens: 0, audio_tokens: audioTokens } };
  const usage = tokenBilled(model) ? tokens : { type: 'duration', seconds };
  if (tokenBilled(model) && !['json', 'text'].includes(format)) {
    return { kind: 'error', status: 400, body: { error: { message: `response_format '${format}' is not compatible with model '${model}'. Use 'json' or 'text'.`, type: 'invalid_request_error', param: 'response_format', code: 'unsupported_value' } } };
  }
  // Whisper ignores `stream`; the token-billed models stream their transcript as text deltas.
  if (audio.fields.stream === 'true' && tokenBilled(model) && task === 'transcribe') {
    const words = text.split(/(?=\s)/);
    const chunks = words.map((delta) => `data: ${JSON.stringify({ type: 'transcript.text.delta', delta })}\n\n`);
    chunks.push(`data: ${JSON.stringify({ type: 'transcript.text.done', text, usage: tokens })}\n\n`);
    return { kind: 'stream', contentType: 'text/event-stream; charset=utf-8', chunks };
  }
  switch (format) {
    case 'text':
      return { kind: 'whole', contentType: 'text/plain; charset=utf-8', body: `${text}\n` };
    case 'srt':
      return { kind: 'whole', contentType: 'text/plain; charset=utf-8', body: `1\n00:00:00,000 --> ${timestamp(seconds, ',')}\n${text}\n\n` };
    case 'vtt':
      return { kind: 'whole', contentType: 'text/plain; charset=utf-8', body: `WEBVTT\n\n00:00:00.000 --> ${timestamp(seconds, '.')}\n${text}\n\n` };
    case 'verbose_json':
      return {
        kind: 'whole',
        contentType: 'application/json',
        body: JSON.stringify({ task, language: task === 'translate' ? 'english' : (audio.fields.language ?? 'english'), duration: seconds, text, segments: [{ id: 0, seek: 0, start: 0, end: seconds, text, tokens: [], temperature: 0, avg_logprob: -0.2, compression_ratio: 1.1, no_speech_prob: 0.01 }], usage }),
      };
    case 'json':
      return { kind: 'whole', contentType: 'application/json', body: JSON.stringify({ text, usage }) };
    default:
      return { kind: 'error', status: 400, body: { error: { message: `'${format}' is not one of ['json', 'text', 'srt', 'verbose_json', 'vtt'] - 'response_format'`, type: 'invalid_request_error', param: 'response_format', code: null } } };
  }
}

const speechTypes: Record<string, string> = { mp3: 'audio/mpeg', opus: 'audio/opus', aac: 'audio/aac', flac: 'audio/flac', wav: 'audio/wav', pcm: 'audio/pcm' };

/** Bytes of simulated audio for a text: what every speech answer for it is, chunk after chunk. */
export function simulatedSpeech(input: string, format = 'mp3'): Buffer[] {
  const chunks: Buffer[] = [];
  let seed = createHash('sha256').update(`${format}:${input}`).digest();
  // Four chunks of 4 KB: enough that a relay which buffered the answer would be seen to.
  for (let index = 0; index < 4; index++) {
    const chunk = Buffer.alloc(4096);
    for (let offset = 0; offset < chunk.length; offset += seed.length) {
      seed.copy(chunk, offset);
      seed = createHash('sha256').update(seed).digest();
    }
    chunks.push(chunk);
  }
  return chunks;
}

/** `POST /v1/audio/speech`: audio bytes, or with `stream_format: "sse"` base64 audio in events. */
export function speechAnswer(body: unknown, models: ReadonlySet<string>): AudioAnswer {
  const { model, input, voice, response_format: format = 'mp3', stream_format: streamFormat = 'audio' } = (body ?? {}) as Record<string, unknown>;
  if (typeof model !== 'string') return { kind: 'error', status: 400, body: missingParameterEnvelope('model') };
  if (typeof input !== 'string' || input === '') return { kind: 'error', status: 400, body: missingParameterEnvelope('input') };
  if (voice === undefined) return { kind: 'error', status: 400, body: missingParameterEnvelope('voice') };
  if (!models.has(model)) return { kind: 'error', status: 404, body: modelNotFoundEnvelope(model) };
  const contentType = typeof format === 'string' ? speechTypes[format] : undefined;
  if (contentType === undefined) return { kind: 'error', status: 400, body: { error: { message: `Invalid response_format: ${String(format)}`, type: 'invalid_request_error', param: 'response_format', code: null } } };
  const audio = simulatedSpeech(input, format as string);
  if (streamFormat !== 'sse') return { kind: 'stream', contentType, chunks: audio };
  if (!tokenBilled(model)) return { kind: 'error', status: 400, body: { error: { message: `stream_format 'sse' is not supported for model '${model}'.`, type: 'invalid_request_error', param: 'stream_format', code: null } } };
  const inputTokens = countSimulatedTokens(input);
  const outputTokens = audio.length * 64;
  const chunks = audio.map((bytes) => `data: ${JSON.stringify({ type: 'speech.audio.delta', audio: bytes.toString('base64') })}\n\n`);
  chunks.push(`data: ${JSON.stringify({ type: 'speech.audio.done', usage: { input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens } })}\n\n`);
  return { kind: 'stream', contentType: 'text/event-stream; charset=utf-8', chunks };
}

function timestamp(seconds: number, separator: string): string {
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}${separator}000`;
}
