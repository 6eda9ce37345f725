import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors/gateway-error.js';
import { UpstreamCallAborted } from '../providers/call-upstream.js';
import type { Cancellation } from '../util/cancellation.js';

/**
 * Waits for the first bytes of a streamed answer and pauses the stream there. Until they arrive
 * nothing has reached the client, so a silent or empty upstream is still a failed attempt that
 * can fall back; after, the stream is committed. `timeoutMs` 0 waits as long as it takes.
 */
export function awaitFirstChunk(options: { upstream: IncomingMessage; timeoutMs: number; cancellation: Cancellation; provider: string }): Promise<Buffer> {
  const { upstream, provider } = options;
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      if (timer) clearTimeout(timer);
      stopListening();
      upstream.off('data', onData);
      upstream.off('end', onEmpty);
      upstream.off('close', onEmpty);
      upstream.off('error', onEmpty);
    };
    const onData = (chunk: Buffer): void => {
      upstream.pause();
      cleanup();
      resolve(chunk);
    };
    const onEmpty = (): void => {
      cleanup();
      reject(new GatewayError({ code: 'stream_interrupted', status: 502, provider, message: `Provider '${provider}' ended its stream before sending anything.` }));
    };
    const timer =
      options.timeoutMs > 0
        ? setTimeout(() => {
            cleanup();
            upstream.destroy();
            reject(new GatewayError({ code: 'upstream_timeout', status: 504, provider, message: `Provider '${provider}' sent no first token within ${Math.round(options.timeoutMs / 1000)} s.` }));
          }, options.timeoutMs)
        : undefined;
    let stopListening = (): void => undefined;
    upstream.on('data', onData);
    upstream.once('end', onEmpty);
    upstream.once('close', onEmpty);
    upstream.once('error', onEmpty);
    stopListening = options.cancellation.onCancel(() => {
      cleanup();
      upstream.destroy();
      reject(new UpstreamCallAborted());
    });
  });
}
