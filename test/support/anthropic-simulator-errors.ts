/**
 * Error envelopes as Anthropic sends them: `{type: 'error', error: {type, message}, request_id}`,
 * with the error type fixed by the status.
 *
 * @see https://docs.anthropic.com/en/api/errors
 */

export interface AnthropicErrorEnvelope {
  type: 'error';
  error: { type: string; message: string };
  request_id: string;
}

export function envelope(type: string, message: string, requestId: string): AnthropicErrorEnvelope {
  return { type: 'error', error: { type, message }, request_id: requestId };
}

const DEFAULT_FAULTS: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request.' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  402: { type: 'billing_error', message: 'Your credit balance is too low to access the Anthropic API.' },
  403: { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' },
  404: { type: 'not_found_error', message: 'The requested resource could not be found.' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  429: { type: 'rate_limit_error', message: 'This request would exceed the rate limit for your organization of 50 requests per minute.' },
  500: { type: 'api_error', message: 'Internal server error' },
  504: { type: 'timeout_error', message: 'Request timed out' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

/** The envelope a fault with only a `status` answers with. */
export function defaultFaultEnvelope(status: number, requestId: string): AnthropicErrorEnvelope {
  const known = DEFAULT_FAULTS[status];
  if (known !== undefined) return envelope(known.type, known.message, requestId);
  return status >= 500 ? envelope('api_error', 'Internal server error', requestId) : envelope('invalid_request_error', `Request failed with status ${status}.`, requestId);
}

/** The in-stream `error` event's payload: the same envelope without a request id. */
export function streamErrorPayload(type: string, message: string): string {
  return JSON.stringify({ type: 'error', error: { type, message } });
}
