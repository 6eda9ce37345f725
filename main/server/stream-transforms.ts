import type { GatewayError } from '../errors/gateway-error.js';
import type { ErrorEncoder, StreamEncoder } from '../formats/client-format.js';
import type { StreamDecoder } from '../providers/provider-adapter.js';
import type { StreamPart } from '../spec/index.js';
import type { StreamTransform } from './relay-stream.js';

/**
 * Passthrough: the upstream's bytes as they come, cut only at event boundaries (SSE events, or
 * NDJSON lines), so a stream broken mid-event never hands the client half an event and the error
 * event after it parses.
 */
export function passthroughEvents(
  errors: ErrorEncoder,
  boundaryOf: (data: Buffer) => number = lastEventBoundary,
  /** Sees every upstream chunk as it came (the usage sniffer); the client's bytes do not depend on it. */
  tap?: { push(chunk: Buffer): void; end(): void },
  /** Events the router added for itself (see ClientFormat.streamUsage), left out of what the client gets. */
  drop?: (event: string) => boolean,
): StreamTransform {
  const out = drop ? (data: Buffer) => dropEvents(data, drop) : (data: Buffer) => data;
  let pending: Buffer | undefined;
  // What was last written, kept by reference (no copy), for the error event of a broken stream.
  let written: Buffer | undefined;
  return {
    chunk(chunk) {
      tap?.push(chunk);
      const data = pending ? Buffer.concat([pending, chunk]) : chunk;
      const boundary = boundaryOf(data);
      if (boundary === data.length) {
        pending = undefined;
        written = data;
        return out(data);
      }
      pending = data.subarray(boundary);
      if (boundary > 0) written = data.subarray(0, boundary);
      return out(data.subarray(0, boundary));
    },
    // A last event without its blank line is still whole once the stream ends properly.
    end: () => {
      tap?.end();
      return pending ? out(pending) : '';
    },
    fail: (error) => errors.streamErrorEvent(error, written && lastEvent(written)),
  };
}

/**
 * Bytes as they come, for a body with no events (audio, a video file). A broken stream cannot say
 * so in-band: its connection is cut, so the client sees the download is incomplete.
 */
export const rawBytes: StreamTransform = {
  chunk: (data) => data,
  end: () => '',
  fail: () => undefined,
};

/** Whole events minus the dropped ones; only events that mention usage are even looked at. */
function dropEvents(data: Buffer, drop: (event: string) => boolean): Buffer {
  if (!data.includes('"usage"')) return data;
  const events = data.toString('utf8').split(/(?<=\n\n)/);
  const kept = events.filter((event) => !drop(event));
  return kept.length === events.length ? data : Buffer.from(kept.join(''));
}

/** The last complete event of what was written. */
function lastEvent(written: Buffer): string {
  const text = written.toString('utf8').trimEnd();
  const start = Math.max(text.lastIndexOf('\n\n'), text.lastIndexOf('\n{'));
  return start === -1 ? text : text.slice(start + 1);
}

const lineFeed = 0x0a;
const carriageReturn = 0x0d;

/** Offset just past the last complete SSE event (a blank line), or 0 when there is none. */
export function lastEventBoundary(data: Buffer): number {
  // Upstreams end nearly every chunk with a whole event: its blank line is at the very end.
  const end = data.length;
  if (data[end - 1] === lineFeed && (data[end - 2] === lineFeed || (data[end - 2] === carriageReturn && data[end - 3] === lineFeed && data[end - 4] === carriageReturn))) return end;
  const lf = data.lastIndexOf('\n\n');
  const crlf = data.lastIndexOf('\r\n\r\n');
  return Math.max(lf === -1 ? 0 : lf + 2, crlf === -1 ? 0 : crlf + 4);
}

/** Offset just past the last complete NDJSON line, or 0 when there is none. */
export function lastLineBoundary(data: Buffer): number {
  return data.lastIndexOf('\n') + 1;
}

/**
 * Translation: upstream bytes -> the family's decoder -> canonical parts -> the client format's
 * encoder. One upstream chunk gives at most one write. `observe` sees every part (to keep what
 * was answered).
 */
export function translateEvents(decoder: StreamDecoder, encoder: StreamEncoder, observe?: (part: StreamPart) => void): StreamTransform {
  let failed = false;
  const encodeAll = (parts: StreamPart[]): string => {
    let text = '';
    for (const part of parts) {
      if (failed) break;
      observe?.(part);
      text += encoder.encode(part);
      // Nothing may follow an error event.
      if (part.type === 'error') failed = true;
    }
    return text;
  };
  return {
    chunk: (chunk) => encodeAll(decoder.push(chunk)),
    end() {
      const text = encodeAll(decoder.end());
      return failed ? text : text + encoder.end();
    },
    fail(error: GatewayError) {
      if (failed) return '';
      failed = true;
      return encoder.encode({ type: 'error', error });
    },
  };
}
