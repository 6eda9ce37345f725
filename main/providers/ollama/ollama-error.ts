import type { IncomingMessage } from 'node:http';
import type { UpstreamHttpError } from '../../errors/gateway-error.js';
import { readUpstreamError } from '../read-upstream-error.js';
import type { UpstreamEndpoint } from '../upstream-endpoint.js';

const forwardedErrorHeaders = ['retry-after'];

/**
 * A non-2xx Ollama answer, `{"error": "message"}`, as an UpstreamHttpError with the upstream's
 * status: a 404 for an unknown model stays a 404 (`model_not_found`), so fallback moves on and the
 * client reads the reason. Hosted Ollama may echo the key: strings are redacted first.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#errors
 */
export function readOllamaError(response: IncomingMessage, endpoint: UpstreamEndpoint): Promise<UpstreamHttpError> {
  return readUpstreamError(response, endpoint, {
    keepHeader: (name) => forwardedErrorHeaders.includes(name),
    messageOf: (body) => {
      const error = (body as { error?: unknown } | undefined)?.error;
      return typeof error === 'string' ? error : undefined;
    },
    codeOf: (status, message) => (status === 404 && /model/i.test(message) ? 'model_not_found' : undefined),
  });
}
