import { GatewayError } from '../errors/gateway-error.js';
import type { Usage } from '../spec/index.js';
import { quotedKeyFinder, valueAfterKey, type KeyFinder } from '../util/json-bytes.js';

/**
 * Reads the usage of a passed-through stream while it is relayed, and whether the upstream failed
 * in-band (an error event inside its 200 stream); the stream itself is never touched.
 */
export interface StreamUsageSniffer {
  push(chunk: Buffer): void;
  end(): void;
  /** The usage reported so far; undefined when the stream carried none. */
  readonly usage: Usage | undefined;
  /** The first error event the upstream sent in its stream, as the error it reports; undefined when none. */
  readonly error: GatewayError | undefined;
}

/** How a family marks an error event inside a stream (see sniffLines). */
export interface InBandErrorMark {
  /** The key an error event holds. */
  key: string;
  /** The JSON values of the key that mark an error event (`'"error"'` for a `type` key); absent: any value but null. */
  values?: readonly string[];
  /** The error event, parsed, as the error it reports. */
  read(event: Record<string, unknown>): GatewayError;
}

const newline = 0x0a;
const openBrace = 0x7b;

/**
 * A sniffer for line-framed streams (SSE `data:` lines, NDJSON). Streams report usage in their
 * first and last events at most (Anthropic's message_start and message_delta, everyone else's last
 * chunk), so only the first and the latest line holding the JSON key `key` are kept, and they are
 * parsed once, when the usage is read: a stream costs a byte search per chunk, not a decode.
 *
 * `objectValue`: the key counts only when an object follows it; OpenAI sends `"usage":null`
 * in every chunk once usage is asked for.
 *
 * `inBandError`: the first line that marks an error event is kept too, and read as the error when
 * asked for, so a stream the upstream failed in-band is recorded as the failure it was.
 */
export function sniffLines(
  key: string,
  take: (events: Record<string, unknown>[]) => Usage | undefined,
  options: { objectValue?: boolean; inBandError?: InBandErrorMark } = {},
): StreamUsageSniffer {
  const marker = `"${key}"`;
  const find = keyFinder(key);
  const objectValue = options.objectValue ?? true;
  const errorMark = options.inBandError;
  const errorAt = errorMark === undefined ? undefined : errorFinder(errorMark);
  let pending: Buffer | undefined;
  let first: string | undefined;
  let latest: string | undefined;
  let usage: Usage | undefined;
  let parsed = true;
  let errorLine: string | undefined;
  let error: GatewayError | undefined;
  const keep = (data: Buffer): void => {
    if (errorAt !== undefined && errorLine === undefined) {
      const at = errorAt(data);
      if (at !== -1) errorLine = lineAround(data, at);
    }
    if (!(objectValue ? includesWithObject(data, find, marker.length) : find(data, 0) !== -1)) return;
    for (const line of data.toString('utf8').split('\n')) {
      if (!line.includes(marker)) continue;
      if (first === undefined) first = line;
      else latest = line;
      parsed = false;
    }
  };
  return {
    push(chunk) {
      const data = pending ? Buffer.concat([pending, chunk]) : chunk;
      // Chunks nearly always end with their last line: no search then.
      const last = data[data.length - 1] === newline ? data.length - 1 : data.lastIndexOf(newline);
      if (last === -1) {
        pending = data;
        return;
      }
      if (last + 1 === data.length) {
        pending = undefined;
        keep(data);
        return;
      }
      pending = data.subarray(last + 1);
      keep(data.subarray(0, last + 1));
    },
    end() {
      if (pending) keep(pending);
      pending = undefined;
    },
    get usage() {
      if (!parsed) {
        parsed = true;
        const events = [first, latest].flatMap((line) => (line === undefined ? [] : parseLine(line)));
        usage = events.length > 0 ? take(events) : undefined;
      }
      return usage;
    },
    get error() {
      if (error === undefined && errorLine !== undefined && errorMark !== undefined) {
        const [event] = parseLine(errorLine);
        error = event === undefined ? unreadableErrorEvent() : errorMark.read(event);
      }
      return error;
    },
  };
}

/** Where the first error event's mark is in `data`, or -1. */
function errorFinder(mark: InBandErrorMark): (data: Buffer) => number {
  const find = keyFinder(mark.key);
  const keyLength = mark.key.length + 2;
  const values = mark.values?.map((value) => Buffer.from(value));
  return (data) => {
    for (let at = find(data, 0); at !== -1; at = find(data, at + keyLength)) {
      const value = valueAfterKey(data, at + keyLength);
      if (value === -1) continue;
      if (values === undefined ? data[value] !== letterN : values.some((literal) => startsAt(data, literal, value))) return at;
    }
    return -1;
  };
}

const letterN = 0x6e;

function startsAt(data: Buffer, literal: Buffer, at: number): boolean {
  return at + literal.length <= data.length && data.compare(literal, 0, literal.length, at, at + literal.length) === 0;
}

/** The line of `data` that holds the byte at `at`. */
function lineAround(data: Buffer, at: number): string {
  const start = data.lastIndexOf(newline, at) + 1;
  const end = data.indexOf(newline, at);
  return data.toString('utf8', start, end === -1 ? data.length : end);
}

/** An error event whose line is not JSON the sniffer can read (one split over several `data:` lines). */
function unreadableErrorEvent(): GatewayError {
  return new GatewayError({ code: 'upstream_error', status: 502, message: 'The provider reported an error mid-stream.' });
}

/** One finder per key, shared by every stream of its family. */
const keyFinders = new Map<string, KeyFinder>();

function keyFinder(key: string): KeyFinder {
  let finder = keyFinders.get(key);
  if (finder === undefined) keyFinders.set(key, (finder = quotedKeyFinder(key)));
  return finder;
}

/**
 * Whether the key occurs followed by a colon and an object. One search per occurrence: OpenAI
 * sends `"usage":null` in every chunk, so each chunk has one, and the search after it covers only
 * the rest of that event.
 */
function includesWithObject(data: Buffer, find: KeyFinder, keyLength: number): boolean {
  for (let at = find(data, 0); at !== -1; at = find(data, at + keyLength)) {
    const value = valueAfterKey(data, at + keyLength);
    if (value !== -1 && data[value] === openBrace) return true;
  }
  return false;
}

/** An SSE `data:` line or an NDJSON line as a JSON object; nothing when it is not one. */
function parseLine(line: string): Record<string, unknown>[] {
  try {
    const event = JSON.parse(line.startsWith('data:') ? line.slice(5) : line) as unknown;
    return event !== null && typeof event === 'object' ? [event as Record<string, unknown>] : [];
  } catch {
    // A line the sniffer cannot read costs its figures, never the stream.
    return [];
  }
}

/** The object at `key` of an event, when it is one. */
export function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const field = (value as Record<string, unknown>)[key];
  return field !== null && typeof field === 'object' ? (field as Record<string, unknown>) : undefined;
}

/** For families whose last usage report is the total: the latest event's figures. */
export function latest<Event>(read: (event: Event) => Usage | undefined): (events: Event[]) => Usage | undefined {
  return (events) => {
    for (let index = events.length - 1; index >= 0; index -= 1) {
      const usage = read(events[index] as Event);
      if (usage) return usage;
    }
    return undefined;
  };
}
