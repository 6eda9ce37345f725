import { UpstreamHttpError, type GatewayError } from '../../errors/gateway-error.js';
import { geminiErrorEnvelopeSchema } from '../../providers/gemini/gemini-error-envelope.js';
import type { ErrorEncoder } from '../client-format.js';

export interface GeminiErrorEnvelope {
  error: { code: number; message: string; status: string };
}

/**
 * Google's error envelope `{error: {code, message, status}}`, whose `status` is the canonical
 * google.rpc code name the SDKs and Gemini CLI act on (`RESOURCE_EXHAUSTED` retries).
 * A Gemini upstream's own envelope (with its `details`) goes out unchanged.
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 */
export const geminiErrors: ErrorEncoder = {
  renderError(error) {
    return { status: error.status, headers: error.headers, body: geminiErrorBody(error) };
  },
  streamErrorEvent(error) {
    return `data: ${JSON.stringify(geminiErrorBody(error))}\n\n`;
  },
};

export function geminiErrorBody(error: GatewayError): unknown {
  if (error instanceof UpstreamHttpError && geminiErrorEnvelopeSchema.safeParse(error.upstreamBody).success) return error.upstreamBody;
  return { error: { code: error.status, message: error.message, status: geminiStatus(error.status) } } satisfies GeminiErrorEnvelope;
}

export function geminiStatus(status: number): string {
  switch (status) {
    case 400:
    case 413:
      return 'INVALID_ARGUMENT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'PERMISSION_DENIED';
    case 404:
      return 'NOT_FOUND';
    case 408:
    case 504:
      return 'DEADLINE_EXCEEDED';
    case 409:
      return 'ABORTED';
    case 429:
      return 'RESOURCE_EXHAUSTED';
    case 499:
      return 'CANCELLED';
    case 501:
      return 'UNIMPLEMENTED';
    case 502:
    case 503:
      return 'UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION';
  }
}
