import type { IncomingMessage } from 'node:http';
import type { UpstreamHttpError } from '../../errors/gateway-error.js';
import { readUpstreamError } from '../read-upstream-error.js';
import type { UpstreamEndpoint } from '../upstream-endpoint.js';

/** Headers of an upstream error that a client can act on. */
const forwardedErrorHeaders = ['retry-after', 'retry-after-ms', 'x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens'];

/**
 * Turns a non-2xx OpenAI-family answer into an UpstreamHttpError that keeps the upstream's own
 * error object (clients such as Codex act on `code: "context_length_exceeded"`). Vendors echo the
 * key they were sent ("Incorrect API key provided: sk-..."), and that object reaches the client,
 * the management API and the log, so every string in it is redacted first: the account's own key
 * by value (vendor keys have no common shape), anything else credential-shaped by pattern.
 */
export function readOpenAiError(response: IncomingMessage, endpoint: UpstreamEndpoint): Promise<UpstreamHttpError> {
  return readUpstreamError(response, endpoint, { keepHeader: (name) => forwardedErrorHeaders.includes(name), messageOf: upstreamMessage });
}

/** `{error: {message}}`, `{error: "..."}` or `{message}`: OpenAI's envelope and what compatible vendors send instead. */
function upstreamMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object') {
    const error = (body as { error?: unknown }).error;
    if (typeof error === 'string') return error;
    if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
      return (error as { message: string }).message;
    }
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return undefined;
}
