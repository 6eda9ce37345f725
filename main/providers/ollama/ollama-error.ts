import type { IncomingMessage } from 'node:http';
import { UpstreamHttpError } from '../../errors/gateway-error.js';
import { readBody } from '../call-upstream.js';
import { credentialRedactor, redactDeep } from '../redact-upstream-body.js';
import type { UpstreamEndpoint } from '../upstream-endpoint.js';

const errorBodyLimit = 1024 * 1024;
const forwardedErrorHeaders = ['retry-after'];

/**
 * A non-2xx Ollama answer, `{"error": "message"}`, as an UpstreamHttpError with the upstream's
 * status: a 404 for an unknown model stays a 404 (`model_not_found`), so fallback moves on and the
 * client reads the reason. Hosted Ollama may echo the key: strings are redacted first.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#errors
 */
export async function readOllamaError(response: IncomingMessage, endpoint: UpstreamEndpoint): Promise<UpstreamHttpError> {
  const provider = endpoint.provider;
  const status = response.statusCode ?? 502;
  let raw = '';
  try {
    raw = (await readBody(response, errorBodyLimit)).toString('utf8');
  } catch {
    // The status alone still tells the client what happened.
  }
  const redact = credentialRedactor(endpoint.credential);
  let upstreamBody: unknown;
  try {
    upstreamBody = raw ? redactDeep(JSON.parse(raw), redact) : undefined;
  } catch {
    upstreamBody = undefined;
  }
  const error = (upstreamBody as { error?: unknown } | undefined)?.error;
  const text = redact(raw).trim().slice(0, 500);
  const message = typeof error === 'string' ? error : text || `Provider '${provider}' answered HTTP ${status}.`;
  const headers: Record<string, string> = {};
  for (const name of forwardedErrorHeaders) {
    const value = response.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
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
