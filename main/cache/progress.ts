import type { ServerResponse } from 'node:http';
import { sseEvent } from '../formats/anthropic-messages/sse-event.js';

export interface ProgressOptions {
  /** Whether the client asked for an Anthropic Messages stream, the one format with a legal keep-alive event. */
  anthropicStream: boolean;
}

/** Silence before the first ping: most upstreams start answering sooner, and then nothing changes. */
export const firstPingMs = 1000;
/** Silence between later pings, as Anthropic's own streams do. */
export const pingEveryMs = 5000;

const ping = sseEvent({ type: 'ping' });

/**
 * `X-OmniRoute-Progress: true` (see docs/cache.md): progress that every client can ignore.
 * - the answer carries `X-OmniRoute-Progress: enabled`;
 * - a chunked answer (any stream) ends with the trailer `X-OmniRoute-Progress` giving the time to
 *   the first body byte, the whole duration, the body bytes and the pings sent;
 * - an Anthropic Messages stream gets `event: ping` during every silence (from `firstPingMs`),
 *   the keep-alive event of that format. A silence before the answer started commits the stream
 *   at once (status 200, SSE headers): from then on a failure travels in-band as the format's
 *   error event, which the SDK raises, and headers set later go to the trailer instead.
 * No other format has a keep-alive event, and SSE comment lines are ruled out, so the others get
 * nothing in-band.
 */
export function trackProgress(res: ServerResponse, options: ProgressOptions): void {
  const started = Date.now();
  let firstByteAt: number | undefined;
  let bytes = 0;
  let pings = 0;
  let committedEarly = false;
  const lateHeaders: string[] = [];
  const write = res.write;
  const end = res.end;
  const setHeader = res.setHeader;
  const writeHead = res.writeHead;
  res.setHeader('x-omniroute-progress', 'enabled');

  const note = (chunk: unknown): void => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      firstByteAt ??= Date.now();
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const schedule = (delayMs: number): void => {
    if (!options.anthropicStream) return;
    clearTimeout(timer);
    timer = setTimeout(sendPing, delayMs);
  };
  const sendPing = (): void => {
    if (res.writableEnded || res.destroyed) return;
    if (!res.headersSent) {
      committedEarly = true;
      res.statusCode = 200;
      setHeader.call(res, 'content-type', 'text/event-stream; charset=utf-8');
      setHeader.call(res, 'cache-control', 'no-cache');
      res.flushHeaders();
    }
    pings += 1;
    // Straight to the socket: a ping is not part of the answer (a cache or replay never stores it).
    (write as (chunk: string) => boolean).call(res, ping);
    schedule(pingEveryMs);
  };

  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    // Trailers exist only in chunked bodies, which is what an answer without a length gets.
    if (!this.hasHeader('content-length')) setHeader.call(this, 'trailer', 'X-OmniRoute-Progress');
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
  res.setHeader = function (this: ServerResponse, name: string, value: number | string | readonly string[]) {
    if (committedEarly && this.headersSent) {
      // Our own headers (provider, model, warnings) are worth keeping; the route's framing ones are moot.
      if (name.toLowerCase().startsWith('x-omniroute-')) lateHeaders.push(`${name.toLowerCase()}=${String(value)}`);
      return this;
    }
    return setHeader.call(this, name, value);
  } as ServerResponse['setHeader'];
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    note(chunk);
    schedule(pingEveryMs);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse['write'];
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    clearTimeout(timer);
    note(chunk);
    if (this.getHeader('trailer') !== undefined || committedEarly) {
      const timing = [`ttfb_ms=${(firstByteAt ?? Date.now()) - started}`, `duration_ms=${Date.now() - started}`, `bytes=${bytes}`, `pings=${pings}`];
      this.addTrailers({ 'X-OmniRoute-Progress': [...timing, ...lateHeaders].join('; ').replace(/[^\x20-\x7e]/g, '?') });
    }
    return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as ServerResponse['end'];
  res.once('close', () => clearTimeout(timer));
  schedule(firstPingMs);
}
