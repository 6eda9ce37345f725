import { GatewayError, upstreamErrorCode, UpstreamHttpError } from '../../errors/gateway-error.js';
import { redactSecrets } from '../../util/redact.js';
import { redactDeep } from '../redact-upstream-body.js';
import type { InBandErrorMark } from '../stream-usage-sniffer.js';

/**
 * An `{"error": ...}` event inside a 200 stream (OpenAI and OpenRouter send one when the model
 * fails mid-answer). The upstream's error object is kept, redacted, for clients that act on its
 * `code`; a numeric HTTP-like code (OpenRouter's) becomes the status.
 */
export function inStreamError(payload: unknown): UpstreamHttpError {
  const error = redactDeep(payload);
  const object = error !== null && typeof error === 'object' ? (error as { message?: unknown; code?: unknown }) : undefined;
  const message = typeof error === 'string' ? error : typeof object?.message === 'string' ? object.message : 'The provider reported an error mid-stream.';
  const code = object?.code;
  const status = typeof code === 'number' && code >= 400 && code <= 599 ? code : 502;
  return new UpstreamHttpError({
    code: upstreamErrorCode(status),
    status,
    message,
    upstreamBody: { error },
  });
}

/** The `{"error": ...}` event of a passed-through stream, for the usage sniffer. */
export const openAiErrorEvent: InBandErrorMark = { key: 'error', read: (event) => inStreamError(event.error) };

export function malformedEvent(data: string): GatewayError {
  return new GatewayError({
    code: 'upstream_error',
    status: 502,
    message: `The provider sent a stream event that is not a chat completion chunk: ${redactSecrets(data.slice(0, 200))}`,
  });
}

export function streamInterrupted(): GatewayError {
  return new GatewayError({ code: 'stream_interrupted', status: 502, message: 'The provider ended the stream before the answer was complete.' });
}

export function toolCallOutOfOrder(index: number): GatewayError {
  return new GatewayError({
    code: 'upstream_error',
    status: 502,
    message: `The provider sent arguments for tool call ${index} after a later tool call had begun.`,
  });
}
