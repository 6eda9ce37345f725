/** An answer as the client received it, ready to be sent again. */
export interface StoredAnswer {
  status: number;
  /** The replayable response headers, lower-case names (see `replayableHeaders`). */
  headers: Record<string, string>;
  /** The whole body: a JSON document, or every byte of a stream as it was written. */
  body: Buffer;
}

// Per-connection or per-request headers: a replay gets its own.
const notReplayed = new Set(['x-request-id', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'date', 'set-cookie', 'trailer', 'x-omniroute-cache', 'x-omniroute-idempotent', 'x-omniroute-progress']);

/** The response headers worth sending again with a replayed answer. */
export function replayableHeaders(headers: Record<string, number | string | string[] | undefined>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || notReplayed.has(name)) continue;
    kept[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return kept;
}

/** What an answer costs to keep in memory, roughly: body plus headers. */
export function answerSize(answer: StoredAnswer): number {
  let size = answer.body.length + 64;
  for (const [name, value] of Object.entries(answer.headers)) size += name.length + value.length;
  return size;
}
