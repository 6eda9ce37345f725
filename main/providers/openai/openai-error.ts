import type { IncomingMessage } from 'node:http';
import { UpstreamHttpError, type GatewayErrorCode } from '../../errors/gateway-error.js';
import { readUpstreamErrorBody } from '../read-upstream-error.js';
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
export async function readOpenAiError(response: IncomingMessage, endpoint: UpstreamEndpoint): Promise<UpstreamHttpError> {
  const provider = endpoint.provider;
  const { status, text, body: upstreamBody, headers } = await readUpstreamErrorBody(response, endpoint, (name) => forwardedErrorHeaders.includes(name));
  return new UpstreamHttpError({
    code: errorCodeFor(status),
    status,
    provider,
    message: upstreamMessage(upstreamBody, text) ?? `Provider '${provider}' answered HTTP ${status}.`,
    headers,
    upstreamBody,
  });
}

function errorCodeFor(status: number): GatewayErrorCode {
  if (status === 429) return 'rate_limited';
  return 'upstream_error';
}

function upstreamMessage(body: unknown, text: string): string | undefined {
  if (body && typeof body === 'object') {
    const error = (body as { error?: unknown }).error;
    if (typeof error === 'string') return error;
    if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
      return (error as { message: string }).message;
    }
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return text || undefined;
}
