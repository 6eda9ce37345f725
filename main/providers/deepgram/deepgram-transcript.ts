import { z } from '../../../shared/zod.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { AudioInput, DecodedTranscript } from '../provider-adapter.js';

/** The OpenAI transcript formats Deepgram's answer can be given in. */
export type TranscriptFormat = 'json' | 'text' | 'verbose_json' | 'srt' | 'vtt';
const transcriptFormats: readonly string[] = ['json', 'text', 'verbose_json', 'srt', 'vtt'];

/** The `response_format` a transcription asked for (`json` when none), or undefined for one Deepgram cannot give. */
export function transcriptFormatOf(input: AudioInput): TranscriptFormat | undefined {
  const format = input.fields.response_format ?? 'json';
  return typeof format === 'string' && transcriptFormats.includes(format) ? (format as TranscriptFormat) : undefined;
}

const word = z.looseObject({ word: z.string(), punctuated_word: z.optional(z.string()), start: z.number(), end: z.number() });

/** What the router reads of a pre-recorded transcription; the rest (confidence, model info) is left. */
const listenAnswerSchema = z.looseObject({
  metadata: z.looseObject({ duration: z.optional(z.number()) }),
  results: z.looseObject({
    channels: z.array(
      z.looseObject({
        alternatives: z.array(z.looseObject({ transcript: z.string(), words: z.optional(z.array(word)) })),
        detected_language: z.optional(z.string()),
      }),
    ),
    utterances: z.optional(z.array(z.looseObject({ start: z.number(), end: z.number(), transcript: z.string() }))),
  }),
});

/**
 * Deepgram's transcript in the shape OpenAI's API gives it: `json` is `{text, task, language,
 * duration}`, `verbose_json` adds `segments` (Deepgram's utterances) and, when asked for with
 * `timestamp_granularities[]=word`, `words`; `text`, `srt` and `vtt` are plain text.
 * @see https://developers.deepgram.com/reference/speech-to-text-api/listen
 */
export function decodeDeepgramTranscript(raw: Buffer, input: AudioInput, provider: string): DecodedTranscript {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const answer = listenAnswerSchema.safeParse(parsed);
  const channel = answer.success ? answer.data.results.channels[0] : undefined;
  const best = channel?.alternatives[0];
  if (!answer.success || !channel || !best) {
    throw new GatewayError({ code: 'upstream_error', status: 502, provider, message: `Provider '${provider}' did not return a transcript in Deepgram's {metadata, results: {channels: [...]}} shape.` });
  }
  const text = best.transcript;
  const duration = answer.data.metadata.duration ?? 0;
  const asked = input.fields.language;
  const language = channel.detected_language ?? (typeof asked === 'string' && asked !== '' ? asked : undefined);
  const segments = (answer.data.results.utterances ?? [{ start: 0, end: duration, transcript: text }]).map((utterance, id) => ({ id, start: utterance.start, end: utterance.end, text: utterance.transcript }));
  const format = transcriptFormatOf(input) ?? 'json';
  const plain = 'text/plain; charset=utf-8';
  switch (format) {
    case 'text':
      return { contentType: plain, body: `${text}\n` };
    case 'srt':
      return { contentType: plain, body: segments.map((segment, index) => `${index + 1}\n${timestamp(segment.start, ',')} --> ${timestamp(segment.end, ',')}\n${segment.text}\n\n`).join('') };
    case 'vtt':
      return { contentType: plain, body: `WEBVTT\n\n${segments.map((segment) => `${timestamp(segment.start, '.')} --> ${timestamp(segment.end, '.')}\n${segment.text}\n\n`).join('')}` };
    case 'verbose_json': {
      const granularities = input.fields['timestamp_granularities[]'];
      const wantsWords = granularities === 'word' || (Array.isArray(granularities) && granularities.includes('word'));
      const words = wantsWords ? (best.words ?? []).map((entry) => ({ word: entry.punctuated_word ?? entry.word, start: entry.start, end: entry.end })) : undefined;
      return { contentType: 'application/json', body: JSON.stringify({ task: 'transcribe', language, duration, text, segments, ...(words ? { words } : {}) }) };
    }
    case 'json':
      return { contentType: 'application/json', body: JSON.stringify({ text, task: 'transcribe', language, duration }) };
  }
}

/** Seconds as a subtitle time stamp, `00:01:02,345` (SRT) or `00:01:02.345` (WebVTT). */
function timestamp(seconds: number, separator: ',' | '.'): string {
  const milliseconds = Math.max(0, Math.round(seconds * 1000));
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  const hours = Math.floor(milliseconds / 3_600_000);
  const minutes = Math.floor(milliseconds / 60_000) % 60;
  const secondsPart = Math.floor(milliseconds / 1000) % 60;
  return `${pad(hours)}:${pad(minutes)}:${pad(secondsPart)}${separator}${pad(milliseconds % 1000, 3)}`;
}
