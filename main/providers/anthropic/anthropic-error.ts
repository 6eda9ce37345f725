import type { IncomingMessage } from 'node:http';
import { upstreamErrorCode, UpstreamHttpError } from '../../errors/gateway-error.js';
import { readUpstreamError } from '../read-upstream-error.js';
import { redactDeep } from '../redact-upstream-body.js';
import type { InBandErrorMark } from '../stream-usage-sniffer.js';
import type { UpstreamEndpoint } from '../upstream-endpoint.js';
import { anthropicErrorEnvelopeSchema } from './anthropic-api.js';

/**
 * Anthropic's error types and the status each comes with; an in-stream `error` event has no
 * status of its own, so it takes this one. `overloaded_error` is Anthropic's own 529, retryable.
 * @see https://docs.anthropic.com/en/api/errors
 */
const statusByErrorType: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * Turns a non-2xx Anthropic answer into an UpstreamHttpError that keeps Anthropic's envelope
 * `{type: 'error', error: {type, message}, request_id}`, so a client speaking Anthropic gets it
 * back as sent. `retry-after` and the `anthropic-ratelimit-*` headers are kept for the client and
 * for cooldowns. Every string of the body is redacted first, as for OpenAI (see openai-error.ts):
 * proxies in front of Anthropic echo the key they were sent.
 */
export function readAnthropicError(response: IncomingMessage, endpoint: UpstreamEndpoint): Promise<UpstreamHttpError> {
  return readUpstreamError(response, endpoint, {
    keepHeader: (name) => name === 'retry-after' || name.startsWith('anthropic-ratelimit-'),
    messageOf: (body) => {
      const envelope = anthropicErrorEnvelopeSchema.safeParse(body);
      return envelope.success ? envelope.data.error.message : undefined;
    },
  });
}

/**
 * An `error` event inside a 200 stream (typically `overloaded_error` mid-answer). The envelope is
 * kept as the error's upstream body; only pattern redaction applies, as the decoder does not know
 * the account's key.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#error-events
 */
export function anthropicStreamError(event: unknown): UpstreamHttpError {
  const upstreamBody = redactDeep(event);
  const envelope = anthropicErrorEnvelopeSchema.safeParse(upstreamBody);
  const type = envelope.success ? envelope.data.error.type : undefined;
  const status = (type !== undefined && Object.hasOwn(statusByErrorType, type) ? statusByErrorType[type] : undefined) ?? 502;
  return new UpstreamHttpError({
    code: upstreamErrorCode(status),
    status,
    message: envelope.success ? envelope.data.error.message : 'The upstream stream reported an error.',
    upstreamBody,
  });
}

/** The `error` event of a passed-through stream, for the usage sniffer. */
export const anthropicErrorEvent: InBandErrorMark = { key: 'error', read: (event) => anthropicStreamError(event) };
