import { UpstreamHttpError, type GatewayError } from '../../errors/gateway-error.js';
import type { ErrorEncoder } from '../client-format.js';
import { sseEvent } from './sse-event.js';

/** Anthropic's error envelope: clients (Claude Code first) act on `error.type`. */
export interface AnthropicErrorEnvelope {
  type: 'error';
  error: { type: string; message: string };
  request_id?: string;
}

/**
 * Errors as Anthropic renders them: `{type: 'error', error: {type, message}, request_id}`, with the
 * request id also in the `request-id` header, where the official SDKs read it (`error.requestID`).
 * @see https://docs.anthropic.com/en/api/errors
 */
export const anthropicMessagesErrors: ErrorEncoder = {
  renderError(error, requestId) {
    const upstream = upstreamEnvelope(error);
    return {
      status: error.status,
      headers: { ...error.headers, 'request-id': requestId },
      // An Anthropic-family upstream's own envelope goes out untouched (its request id included).
      body: upstream ?? { ...ownEnvelope(error), request_id: requestId },
    };
  },
  streamErrorEvent(error) {
    // Mid-stream errors carry no request id at Anthropic either: the headers already did.
    const upstream = upstreamEnvelope(error);
    return sseEvent(upstream ? { type: 'error', error: upstream.error } : ownEnvelope(error));
  },
};

/** Anthropic's error type for an HTTP status; other 4xx are `invalid_request_error`, as at Anthropic. */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 504:
      return 'timeout_error';
    case 529:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

function ownEnvelope(error: GatewayError): AnthropicErrorEnvelope {
  return { type: 'error', error: { type: anthropicErrorType(error.status), message: error.message, ...error.details } };
}

function upstreamEnvelope(error: GatewayError): AnthropicErrorEnvelope | undefined {
  if (!(error instanceof UpstreamHttpError)) return undefined;
  const body = error.upstreamBody as { type?: unknown; error?: { type?: unknown; message?: unknown } } | null | undefined;
  if (body?.type !== 'error' || typeof body.error?.type !== 'string' || typeof body.error.message !== 'string') return undefined;
  return body as AnthropicErrorEnvelope;
}
