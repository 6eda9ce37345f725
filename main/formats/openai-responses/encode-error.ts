import type { GatewayError } from '../../errors/gateway-error.js';
import type { ErrorEncoder } from '../client-format.js';
import { openAiChatErrors } from '../openai-chat/encode-error.js';

/**
 * The Responses API shares OpenAI's error envelope for whole responses. A failure mid-stream with
 * no encoder at hand (the stream's own sequence is unknown here) is an `error` event; the stream
 * encoder itself ends a failed stream with `response.failed` instead.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming/error
 */
export const openAiResponsesErrors: ErrorEncoder = {
  renderError: (error, requestId) => openAiChatErrors.renderError(error, requestId),
  streamErrorEvent(error: GatewayError, previousEvent?: string) {
    // Passthrough: continue the upstream's numbering, which the client checks.
    const previous = previousEvent === undefined ? undefined : /"sequence_number"\s*:\s*(\d+)/.exec(previousEvent)?.[1];
    const sequence = previous === undefined ? 0 : Number(previous) + 1;
    const data = { type: 'error', code: error.code, message: error.message, param: error.param ?? null, sequence_number: sequence };
    return `event: error\ndata: ${JSON.stringify(data)}\n\n`;
  },
};

/** `response.error.code` for a failed response. */
export function failureCode(error: GatewayError): string {
  if (error.status === 429) return 'rate_limit_exceeded';
  if (error.status === 400) return 'invalid_prompt';
  return 'server_error';
}
