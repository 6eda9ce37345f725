import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { StoredAnswer } from './stored-answer.js';

/**
 * Sends a stored answer again: same status, headers and bytes. A JSON answer goes in one piece; a
 * stream goes as a stream, one write per event (SSE events end with a blank line, NDJSON and
 * JSON-array elements with a newline), with backpressure, and stops if the client leaves.
 */
export async function replayAnswer(res: ServerResponse, answer: StoredAnswer, extraHeaders: Record<string, string>): Promise<void> {
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
  const contentType = answer.headers['content-type'] ?? '';
  const streamed = contentType.startsWith('text/event-stream') || contentType.startsWith('application/x-ndjson') || answer.body[0] === 0x5b; // '['
  if (!streamed) {
    res.setHeader('content-length', answer.body.length);
    res.end(answer.body);
    return;
  }
  const separator = contentType.startsWith('text/event-stream') ? '\n\n' : '\n';
  let offset = 0;
  while (offset < answer.body.length && !res.destroyed) {
    const boundary = answer.body.indexOf(separator, offset);
    const next = boundary === -1 ? answer.body.length : boundary + separator.length;
    if (!res.write(answer.body.subarray(offset, next))) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    offset = next;
  }
  if (!res.destroyed) res.end();
}
