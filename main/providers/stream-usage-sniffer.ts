import type { Usage } from '../spec/index.js';
import { quotedKeyFinder, valueAfterKey, type KeyFinder } from '../util/json-bytes.js';

/** Reads the usage of a passed-through stream while it is relayed; the stream itself is never touched. */
export interface StreamUsageSniffer {
  push(chunk: Buffer): void;
  end(): void;
  /** The usage reported so far; undefined when the stream carried none. */
  readonly usage: Usage | undefined;
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
 */
export function sniffLines(
  key: string,
  take: (events: Record<string, unknown>[]) => Usage | undefined,
  options: { objectValue?: boolean } = {},
): StreamUsageSniffer {
  const marker = `"${key}"`;
  const find = keyFinder(key);
  const objectValue = options.objectValue ?? true;
  let pending: Buffer | undefined;
  let first: string | undefined;
  let latest: string | undefined;
  let usage: Usage | undefined;
  let parsed = true;
  const keep = (data: Buffer): void => {
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
  };
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
