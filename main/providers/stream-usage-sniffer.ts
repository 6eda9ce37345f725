import type { Usage } from '../spec/index.js';

/** Reads the usage of a passed-through stream while it is relayed; the stream itself is never touched. */
export interface StreamUsageSniffer {
  push(chunk: Buffer): void;
  end(): void;
  /** The usage reported so far; undefined when the stream carried none. */
  readonly usage: Usage | undefined;
}

const newline = 0x0a;

/**
 * A sniffer for line-framed streams (SSE `data:` lines, NDJSON): only lines that contain `marker`
 * are parsed, and `take` reads the usage out of each. Streams report usage in one or two events,
 * so a stream costs a byte search per chunk and a JSON parse or two, not a full decode.
 */
export function sniffLines(marker: string, take: (event: Record<string, unknown>) => Usage | undefined): StreamUsageSniffer {
  let pending: Buffer | undefined;
  let usage: Usage | undefined;
  const lines = (data: Buffer): void => {
    if (!data.includes(marker)) return;
    for (const line of data.toString('utf8').split('\n')) {
      if (!line.includes(marker)) continue;
      const json = line.startsWith('data:') ? line.slice(5) : line;
      try {
        const event = JSON.parse(json) as unknown;
        if (event !== null && typeof event === 'object') usage = take(event as Record<string, unknown>) ?? usage;
      } catch {
        // A line the sniffer cannot read costs its figures, never the stream.
      }
    }
  };
  return {
    push(chunk) {
      const data = pending ? Buffer.concat([pending, chunk]) : chunk;
      const last = data.lastIndexOf(newline);
      if (last === -1) {
        pending = data;
        return;
      }
      pending = last + 1 < data.length ? data.subarray(last + 1) : undefined;
      lines(data.subarray(0, last + 1));
    },
    end() {
      if (pending) lines(pending);
      pending = undefined;
    },
    get usage() {
      return usage;
    },
  };
}

/** The object at `key` of an event, when it is one. */
export function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const field = (value as Record<string, unknown>)[key];
  return field !== null && typeof field === 'object' ? (field as Record<string, unknown>) : undefined;
}
