import type { IncomingMessage } from 'node:http';
import { UpstreamHttpError } from '../../errors/gateway-error.js';
import { readUpstreamErrorBody } from '../read-upstream-error.js';
import type { UpstreamEndpoint } from '../upstream-endpoint.js';

const forwardedErrorHeaders = ['retry-after'];

/**
 * A non-2xx Ollama answer, `{"error": "message"}`, as an UpstreamHttpError with the upstream's
 * status: a 404 for an unknown model stays a 404 (`model_not_found`), so fallback moves on and the
 * client reads the reason. Hosted Ollama may echo the key: strings are redacted first.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#errors
 */
export async function readOllamaError(response: IncomingMessage, endpoint: UpstreamEndpoint): Promise<UpstreamHttpError> {
  const provider = endpoint.provider;
  const { status, text, body: upstreamBody, headers } = await readUpstreamErrorBody(response, endpoint, (name) => forwardedErrorHeaders.includes(name));
  const error = (upstreamBody as { error?: unknown } | undefined)?.error;
  const message = typeof error === 'string' ? error : text || `Provider '${provider}' answered HTTP ${status}.`;
  const modelMissing = status === 404 && /model/i.test(message);
  return new UpstreamHttpError({
    code: status === 429 ? 'rate_limited' : modelMissing ? 'model_not_found' : 'upstream_error',
    status,
    provider,
    message,
    headers,
    upstreamBody,
  });
}
