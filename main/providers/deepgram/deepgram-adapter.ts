import { z } from '../../../shared/zod.js';
import { postForAnswer } from '../call-upstream.js';
import { getUpstreamJson } from '../get-upstream-json.js';
import type { AudioAdapter, AudioInput, UpstreamRequest } from '../provider-adapter.js';
import { readDeepgramError } from './deepgram-error.js';
import { decodeDeepgramTranscript, transcriptFormatOf } from './deepgram-transcript.js';

const modelListSchema = z.looseObject({
  stt: z.optional(z.array(z.looseObject({ canonical_name: z.optional(z.string()), name: z.optional(z.string()) }))),
  tts: z.optional(z.array(z.looseObject({ canonical_name: z.optional(z.string()), name: z.optional(z.string()) }))),
});

/** OpenAI's speech `response_format` as Deepgram's `encoding` (and `container`) query parameters. */
const speechEncodings: Record<string, Record<string, string>> = {
  mp3: { encoding: 'mp3' },
  opus: { encoding: 'opus' },
  aac: { encoding: 'aac' },
  flac: { encoding: 'flac' },
  wav: { encoding: 'linear16', container: 'wav' },
  // OpenAI's pcm is raw 24 kHz 16-bit little-endian samples.
  pcm: { encoding: 'linear16', container: 'none', sample_rate: '24000' },
};

/** Transcription fields with no Deepgram counterpart: said in a warning, never dropped silently. */
const unsentTranscriptionFields: Record<string, string> = {
  prompt: 'Deepgram takes no free-text prompt',
  temperature: 'Deepgram has no sampling temperature',
  'include[]': 'Deepgram reports no log probabilities',
  chunking_strategy: 'Deepgram chunks audio itself',
};

const unsentSpeechFields: Record<string, string> = {
  voice: 'a Deepgram voice is part of the model name, e.g. aura-2-thalia-en',
  instructions: 'Deepgram voices take no instructions',
  speed: 'Deepgram speaks at its own speed',
};

/**
 * Deepgram: speech to text (`POST /listen`, pre-recorded audio) and text to speech (`POST /speak`),
 * behind OpenAI's audio API. It has no chat; routing skips it for chat with that reason. Keys go
 * in as `Authorization: Token <key>`.
 * @see https://developers.deepgram.com/reference/speech-to-text-api/listen
 * @see https://developers.deepgram.com/reference/text-to-speech-api/speak
 */
export const deepgramAdapter: AudioAdapter = {
  family: 'deepgram',
  chat: false,

  authHeaders: (apiKey) => ({ authorization: `Token ${apiKey}` }),

  send: postForAnswer(readDeepgramError),

  cannotServe(endpoint, input) {
    if (endpoint === 'translations') return 'Deepgram transcribes audio in its own language but does not translate it';
    if (endpoint === 'transcriptions' && input.fields.stream === 'true') return 'Deepgram does not stream transcripts of uploaded audio (stream=true)';
    if (endpoint === 'transcriptions' && transcriptFormatOf(input) === undefined) return `Deepgram has no response_format '${String(input.fields.response_format)}'`;
    if (endpoint === 'speech' && input.fields.stream_format === 'sse') return 'Deepgram speaks audio bytes, not events (stream_format "sse")';
    if (endpoint === 'speech' && speechEncodings[speechFormatOf(input)] === undefined) return `Deepgram cannot speak response_format '${speechFormatOf(input)}'`;
    return undefined;
  },

  encodeTranscription(input, upstreamModel): UpstreamRequest {
    const format = transcriptFormatOf(input);
    const query = new URLSearchParams({ model: upstreamModel, smart_format: 'true' });
    const language = input.fields.language;
    if (typeof language === 'string' && language !== '') query.set('language', language);
    else query.set('detect_language', 'true');
    // Segments and subtitles are Deepgram's utterances.
    if (format === 'verbose_json' || format === 'srt' || format === 'vtt') query.set('utterances', 'true');
    const file = input.file;
    const contentType = file?.contentType && file.contentType !== '' ? file.contentType : 'application/octet-stream';
    return {
      path: `/listen?${query.toString()}`,
      body: file?.bytes ?? Buffer.alloc(0),
      headers: { 'content-type': contentType },
      warnings: warningsFor(input, unsentTranscriptionFields),
    };
  },

  decodeTranscription: decodeDeepgramTranscript,

  encodeSpeech(input, upstreamModel): UpstreamRequest {
    const query = new URLSearchParams({ model: upstreamModel, ...speechEncodings[speechFormatOf(input)] });
    return { path: `/speak?${query.toString()}`, body: JSON.stringify({ text: input.fields.input }), warnings: warningsFor(input, unsentSpeechFields) };
  },

  async listModels({ endpoint, cancellation, timeoutMs }) {
    const list = await getUpstreamJson({
      endpoint,
      path: '/models',
      cancellation,
      timeoutMs,
      schema: modelListSchema,
      readError: readDeepgramError,
      expected: "a model list in Deepgram's {stt: [...], tts: [...]} shape",
    });
    const names = [...(list.stt ?? []), ...(list.tts ?? [])].map((model) => model.canonical_name ?? model.name ?? '');
    return [...new Set(names.filter((name) => name.length > 0))];
  },
};

function speechFormatOf(input: AudioInput): string {
  const format = input.fields.response_format;
  return typeof format === 'string' ? format : 'mp3';
}

function warningsFor(input: AudioInput, unsent: Record<string, string>): string[] | undefined {
  const warnings = Object.keys(unsent)
    .filter((field) => input.fields[field] !== undefined)
    .map((field) => `${field} was not sent: ${unsent[field]}`);
  return warnings.length > 0 ? warnings : undefined;
}
