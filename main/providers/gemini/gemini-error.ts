import type { IncomingMessage } from 'node:http';
import { GatewayError, upstreamErrorCode, UpstreamHttpError } from '../../errors/gateway-error.js';
import { redactSecrets } from '../../util/redact.js';
import { readUpstreamError } from '../read-upstream-error.js';
import { redactDeep } from '../redact-upstream-body.js';
import type { InBandErrorMark } from '../stream-usage-sniffer.js';
import type { UpstreamEndpoint } from '../upstream-endpoint.js';
import { geminiErrorEnvelopeSchema } from './gemini-error-envelope.js';

/** Headers of an upstream error that a client can act on. */
const forwardedErrorHeaders = ['retry-after'];

/**
 * Turns a non-2xx Gemini answer into an UpstreamHttpError that keeps Gemini's envelope
 * `{error: {code, message, status, details}}`, so a Gemini client gets it back as sent (its
 * `details` carry the RetryInfo of a 429). Every string is redacted first: Google echoes the key
 * in some messages ("API key not valid ... AIza..."), as OpenAI vendors do (see openai-error.ts).
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 */
export function readGeminiError(response: IncomingMessage, endpoint: UpstreamEndpoint): Promise<UpstreamHttpError> {
  return readUpstreamError(response, endpoint, {
    keepHeader: (name) => forwardedErrorHeaders.includes(name),
    // Gemini's error bodies are sometimes a one-element array around the envelope.
    unwrap: (body) => (Array.isArray(body) && body.length === 1 ? body[0] : body),
    messageOf: (body) => {
      const envelope = geminiErrorEnvelopeSchema.safeParse(body);
      return envelope.success ? envelope.data.error.message : undefined;
    },
  });
}

/** An `{error: {...}}` object in place of a chunk inside a 200 stream. */
export function geminiStreamError(payload: unknown): UpstreamHttpError {
  const upstreamBody = redactDeep(payload);
  const envelope = geminiErrorEnvelopeSchema.safeParse(upstreamBody);
  const code = envelope.success ? envelope.data.error.code : undefined;
  const status = code !== undefined && code >= 400 && code <= 599 ? code : 502;
  return new UpstreamHttpError({
    code: upstreamErrorCode(status),
    status,
    message: envelope.success ? envelope.data.error.message : 'The upstream stream reported an error.',
    upstreamBody,
  });
}

/** The `{"error": ...}` chunk of a passed-through stream, for the usage sniffer. */
export const geminiErrorEvent: InBandErrorMark = { key: 'error', read: (event) => geminiStreamError(event) };

export function malformedChunk(data: string): GatewayError {
  return new GatewayError({
    code: 'upstream_error',
    status: 502,
    message: `The upstream sent a stream event that is not a Gemini GenerateContentResponse: ${redactSecrets(data.slice(0, 200))}`,
  });
}

export function streamInterrupted(): GatewayError {
  return new GatewayError({ code: 'stream_interrupted', status: 502, message: 'The upstream stream ended before Gemini gave a finish reason.' });
}
