import { UpstreamHttpError, type GatewayError } from '../../errors/gateway-error.js';
import type { ErrorEncoder } from '../client-format.js';

/**
 * OpenAI's error envelope `{error: {message, type, param, code}}`; the request id travels in the
 * `x-request-id` header, where the official SDKs read it.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export const openAiChatErrors: ErrorEncoder = {
  renderError(error) {
    return { status: error.status, headers: error.headers, body: { error: errorObject(error) } };
  },
  streamErrorEvent(error) {
    // The SDKs raise an APIError for a data event carrying an `error` object.
    return `data: ${JSON.stringify({ error: errorObject(error) })}\n\n`;
  },
};

function errorObject(error: GatewayError): Record<string, unknown> {
  // An OpenAI-family upstream's own error object is already in this format: keep it whole, since
  // clients act on its `code` (e.g. `context_length_exceeded` triggers compaction in Codex).
  if (error instanceof UpstreamHttpError) {
    const upstream = (error.upstreamBody as { error?: unknown } | undefined)?.error;
    if (upstream && typeof upstream === 'object' && typeof (upstream as { message?: unknown }).message === 'string') {
      return { type: typeFor(error.status), param: null, code: null, ...(upstream as Record<string, unknown>) };
    }
  }
  return { message: error.message, type: typeFor(error.status), param: error.param ?? null, code: error.code, ...error.details };
}

function typeFor(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 409) return 'conflict_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}
