import type { ClientFormatId } from '../formats/client-format.js';
import { parseJsonObject } from './json-object.js';
import type { StoredAnswer } from './stored-answer.js';

/**
 * Whether a captured 200 answer is whole and successful, judged by the client format's own
 * terminal event: a stream cut short or ended by an in-band error event (the router's own, or an
 * upstream's passed through) lacks it. Only such answers are cached.
 */
export function isCompleteAnswer(format: ClientFormatId, answer: StoredAnswer): boolean {
  if (answer.status !== 200) return false;
  const contentType = answer.headers['content-type'] ?? '';
  const text = answer.body.toString('utf8').trimEnd();
  if (contentType.startsWith('text/event-stream')) return isCompleteEventStream(format, lastEventData(text));
  if (contentType.startsWith('application/x-ndjson')) return isCompleteNdjson(text);
  if (contentType.startsWith('application/json')) return isCompleteJson(format, text);
  return false;
}

function isCompleteEventStream(format: ClientFormatId, data: string): boolean {
  if (format === 'openai-chat') return data === '[DONE]';
  const event = parseJsonObject(data);
  if (!event) return false;
  switch (format) {
    case 'anthropic-messages':
      return event.type === 'message_stop';
    case 'openai-responses':
      return event.type === 'response.completed' || event.type === 'response.incomplete';
    case 'gemini':
      return isFinishedGeminiChunk(event);
    default:
      return false;
  }
}

/** Ollama streams NDJSON: the last line says `done: true`; an error line has `error`. */
function isCompleteNdjson(text: string): boolean {
  const last = parseJsonObject(text.slice(text.lastIndexOf('\n') + 1));
  return last !== undefined && last.done === true && last.error === undefined;
}

/** A whole JSON answer, or Gemini's JSON-array stream whose last element finished. */
function isCompleteJson(format: ClientFormatId, text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (Array.isArray(value)) return format === 'gemini' && isFinishedGeminiChunk(value.at(-1));
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  if (record.error !== undefined && record.error !== null) return false;
  return format !== 'ollama' || record.done === true;
}

function isFinishedGeminiChunk(chunk: unknown): boolean {
  if (chunk === null || typeof chunk !== 'object') return false;
  const record = chunk as { error?: unknown; candidates?: { finishReason?: unknown }[] };
  return record.error === undefined && record.candidates?.some((candidate) => typeof candidate.finishReason === 'string') === true;
}

/** The `data` of the last SSE event (its data lines joined). */
function lastEventData(text: string): string {
  const start = Math.max(text.lastIndexOf('\n\n'), text.lastIndexOf('\r\n\r\n'));
  const event = start === -1 ? text : text.slice(start).trim();
  return event
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(line.charAt(5) === ' ' ? 6 : 5))
    .join('\n');
}
