import { GatewayError, UpstreamHttpError } from '../../errors/gateway-error.js';
import { redactSecrets } from '../../util/redact.js';
import type { InBandErrorMark } from '../stream-usage-sniffer.js';

/** An `{"error": "..."}` line inside a 200 stream: the model failed mid-answer. */
export function ollamaInStreamError(error: unknown): UpstreamHttpError {
  const message = typeof error === 'string' ? redactSecrets(error) : 'The provider reported an error mid-stream.';
  return new UpstreamHttpError({ code: 'upstream_error', status: 502, message, upstreamBody: { error: message } });
}

/** The `{"error": ...}` line of a passed-through stream, for the usage sniffer. */
export const ollamaErrorEvent: InBandErrorMark = { key: 'error', read: (event) => ollamaInStreamError(event.error) };

export function malformedLine(line: string): GatewayError {
  return new GatewayError({
    code: 'upstream_error',
    status: 502,
    message: `The provider sent a stream line that is not an Ollama chat response: ${redactSecrets(line.slice(0, 200))}`,
  });
}

export function ollamaStreamInterrupted(): GatewayError {
  return new GatewayError({ code: 'stream_interrupted', status: 502, message: 'The provider ended the stream before the answer was complete.' });
}
