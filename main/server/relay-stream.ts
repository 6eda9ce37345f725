import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, shuttingDown } from '../errors/gateway-error.js';
import type { Cancellation } from '../util/cancellation.js';

/** What a stream relay does with the upstream's bytes. */
export interface StreamTransform {
  /** What to write for one upstream chunk (empty to write nothing yet). */
  chunk(data: Buffer): Buffer | string;
  /** The upstream ended normally: what to write last. */
  end(): Buffer | string;
  /**
   * The stream failed (cut, silent too long, shutdown): the in-band error to write last, or
   * undefined for a body with no way to say so (raw audio), whose connection is then cut so the
   * client sees the answer is incomplete rather than a short file that looks whole.
   */
  fail(error: GatewayError): string | undefined;
}

export interface RelayStreamOptions {
  upstream: IncomingMessage;
  response: ServerResponse;
  cancellation: Cancellation;
  /** A stream silent for this long is ended with an error event. */
  idleTimeoutMs: number;
  provider: string;
  contentType: string;
  transform: StreamTransform;
  /** Bytes already read from the (paused) upstream, relayed first; see awaitFirstChunk. */
  firstChunk?: Buffer;
}

export type StreamOutcome = 'complete' | 'interrupted' | 'idle-timeout' | 'client-closed' | 'shutdown';

/** How a relayed stream ended, and the failure that ended it (none when it completed or the client left). */
export interface StreamEnd {
  outcome: StreamOutcome;
  failure: GatewayError | undefined;
}

/**
 * Relays an upstream stream to the client as it arrives, one write per upstream chunk, with
 * backpressure (a slow client pauses the upstream). Failures after the first byte cannot change
 * the status any more, so they end the stream with the client format's in-band error event.
 */
export function relayStream(options: RelayStreamOptions): Promise<StreamEnd> {
  const { upstream, response, cancellation, provider, transform } = options;
  response.statusCode = 200;
  response.setHeader('content-type', options.contentType);
  response.setHeader('cache-control', 'no-cache');
  response.setHeader('x-accel-buffering', 'no');

  return new Promise((resolve) => {
    let done = false;
    // Assigned below; a cancellation that already fired calls back before the assignment.
    let stopListening = (): void => undefined;

    const finish = (outcome: StreamOutcome, failure?: GatewayError): void => {
      if (done) return;
      done = true;
      clearTimeout(idleTimer);
      stopListening();
      upstream.off('data', onData);
      if (outcome !== 'complete') upstream.destroy();
      if (!response.writableEnded && !response.destroyed) {
        if (outcome === 'client-closed') response.destroy();
        else if (failure === undefined) response.end(transform.end());
        else {
          const last = transform.fail(failure);
          if (last === undefined) response.destroy();
          else response.end(last);
        }
      }
      resolve({ outcome, failure });
    };

    const onData = (chunk: Buffer): void => {
      idleTimer.refresh();
      const data = transform.chunk(chunk);
      if (data.length === 0) return;
      if (!response.write(data)) {
        upstream.pause();
        response.once('drain', () => upstream.resume());
      }
    };

    const onCancel = (): void => {
      if (cancellation.reason === 'shutdown') finish('shutdown', shuttingDown());
      else finish('client-closed');
    };

    const idleTimer = setTimeout(() => {
      finish(
        'idle-timeout',
        new GatewayError({
          code: 'upstream_timeout',
          status: 504,
          provider,
          message: `Provider '${provider}' sent nothing for ${Math.round(options.idleTimeoutMs / 1000)} s; the stream was ended.`,
        }),
      );
    }, options.idleTimeoutMs);
    // Unreferenced for the reason given in call-upstream.ts (the upstream socket keeps the process alive).
    idleTimer.unref();

    upstream.on('data', onData);
    upstream.once('end', () => finish('complete'));
    const onBroken = (): void => {
      if (done || upstream.complete) return;
      finish(
        'interrupted',
        new GatewayError({
          code: 'stream_interrupted',
          status: 502,
          provider,
          message: `Provider '${provider}' closed the stream before the answer was complete.`,
        }),
      );
    };
    upstream.once('error', onBroken);
    upstream.once('close', onBroken);
    stopListening = cancellation.onCancel(onCancel);
    if (done) {
      stopListening();
      return;
    }
    // The upstream (paused after its first chunk) flows again from the next tick, before node sends
    // this turn's writes: what arrived with the first chunk and waits already joins the first write,
    // one system call instead of two. A first chunk that fills the socket pauses it again (onData).
    upstream.resume();
    if (options.firstChunk) onData(options.firstChunk);
    // The headers go out with the first events, in the same write; on their own only when the
    // first chunk held no whole event yet (a write of its own costs a system call per stream).
    if (!response.headersSent) response.flushHeaders();
  });
}
