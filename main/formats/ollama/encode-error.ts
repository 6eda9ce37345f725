import type { GatewayError } from '../../errors/gateway-error.js';
import type { ErrorEncoder } from '../client-format.js';

/**
 * Ollama's error envelope is a bare `{"error": "message"}` with the HTTP status; mid-stream it is
 * one NDJSON line of the same shape, which ollama-js raises as an error.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#errors
 */
export const ollamaErrors: ErrorEncoder = {
  renderError(error: GatewayError) {
    return { status: error.status, headers: error.headers, body: { error: error.message } };
  },
  streamErrorEvent(error: GatewayError) {
    return `${JSON.stringify({ error: error.message })}\n`;
  },
};
