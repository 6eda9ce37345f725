import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, shuttingDown } from '../errors/gateway-error.js';
import type { ErrorEncoder } from '../formats/client-format.js';
import type { Cancellation } from '../util/cancellation.js';

export interface PipeEventStreamOptions {
  upstream: IncomingMessage;
  response: ServerResponse;
  cancellation: Cancellation;
  /** A stream silent for this long is ended with an error event. */
  idleTimeoutMs: number;
  /** Renders the in-band error event when the upstream fails mid-stream. */
  errors: ErrorEncoder;
  provider: string;
}

export type StreamOutcome = 'complete' | 'interrupted' | 'idle-timeout' | 'client-closed' | 'shutdown';

/**
 * Relays an upstream SSE stream to the client as it arrives, one write per upstream chunk, with
 * backpressure. Only whole events are written: a partial event is held until its end arrives, so a
 * stream cut mid-event never hands the client half a JSON line, and the error event that follows a
 * cut is always parseable.
 */
export function pipeEventStream(options: PipeEventStreamOptions): Promise<StreamOutcome> {
  const { upstream, response, cancellation, errors, provider } = options;
  response.statusCode = 200;
  response.setHeader('content-type', 'text/event-stream; charset=utf-8');
  response.setHeader('cache-control', 'no-cache');
  response.setHeader('x-accel-buffering', 'no');
  response.flushHeaders();

  return new Promise((resolve) => {
    let pending: Buffer | undefined;
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
        if (failure) response.end(errors.streamErrorEvent(failure));
        else if (outcome === 'client-closed') response.destroy();
        else response.end();
      }
      resolve(outcome);
    };

    const write = (data: Buffer): void => {
      if (!response.write(data)) {
        upstream.pause();
        response.once('drain', () => upstream.resume());
      }
    };

    const onData = (chunk: Buffer): void => {
      idleTimer.refresh();
      const data = pending ? Buffer.concat([pending, chunk]) : chunk;
      const boundary = lastEventBoundary(data);
      if (boundary === data.length) {
        pending = undefined;
        write(data);
      } else if (boundary === 0) {
        pending = data;
      } else {
        pending = data.subarray(boundary);
        write(data.subarray(0, boundary));
      }
    };

    const onAbort = (): void => {
      if (cancellation.reason === 'shutdown') {
        finish('shutdown', shuttingDown());
      } else {
        finish('client-closed');
      }
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

    upstream.on('data', onData);
    upstream.once('end', () => {
      // A last event without its blank line is still whole once the stream ends properly.
      if (pending) write(pending);
      pending = undefined;
      finish('complete');
    });
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
    stopListening = cancellation.onCancel(onAbort);
    if (done) stopListening();
  });
}

/** Offset just past the last complete SSE event (a blank line), or 0 when there is none. */
export function lastEventBoundary(data: Buffer): number {
  const lf = data.lastIndexOf('\n\n');
  const crlf = data.lastIndexOf('\r\n\r\n');
  return Math.max(lf === -1 ? 0 : lf + 2, crlf === -1 ? 0 : crlf + 4);
}
