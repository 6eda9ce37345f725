/**
 * Error envelopes exactly as OpenAI sends them, so the router's error classification and the
 * official SDK's error mapping see the same bytes they would see from api.openai.com.
 *
 * @see https://platform.openai.com/docs/guides/error-codes
 */

/** The body OpenAI wraps every error in. `param` and `code` are always present, often null. */
export interface OpenAiErrorEnvelope {
  error: { message: string; type: string; param: string | null; code: string | null };
}

function envelope(message: string, type: string, code: string | null = null, param: string | null = null): OpenAiErrorEnvelope {
  return { error: { message, type, param, code } };
}

/**
 * Default envelopes for injected faults, keyed by status. Statuses not listed fall back to a
 * `server_error` (5xx) or `invalid_request_error` (4xx) envelope, the two types OpenAI uses most.
 */
const DEFAULT_FAULT_ENVELOPES: Record<number, OpenAiErrorEnvelope> = {
  400: envelope('Invalid request.', 'invalid_request_error'),
  401: envelope('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'),
  403: envelope('You are not allowed to sample from this model', 'invalid_request_error'),
  404: envelope('The model does not exist or you do not have access to it.', 'invalid_request_error', 'model_not_found'),
  408: envelope('Request timed out.', 'timeout'),
  409: envelope('Conflict.', 'invalid_request_error'),
  // OpenAI reports rate limits with the limit dimension ("requests" or "tokens") as the type.
  429: envelope('Rate limit reached for requests. Please try again in 1s.', 'requests', 'rate_limit_exceeded'),
  500: envelope('The server had an error while processing your request. Sorry about that!', 'server_error'),
  502: envelope('Bad gateway.', 'server_error'),
  503: envelope('The server is overloaded or not ready yet.', 'server_error'),
  504: envelope('Gateway timeout.', 'server_error'),
};

/** The envelope a fault with only a `status` answers with. */
export function defaultFaultEnvelope(status: number): OpenAiErrorEnvelope {
  const known = DEFAULT_FAULT_ENVELOPES[status];
  if (known !== undefined) return known;
  return status >= 500 ? envelope('The server had an error.', 'server_error') : envelope(`Request failed with status ${status}.`, 'invalid_request_error');
}

/** Shows only the edges of a key, the way OpenAI echoes a wrong key back without leaking it. */
function maskApiKey(apiKey: string): string {
  if (apiKey.length <= 8) return '*'.repeat(apiKey.length);
  return `${apiKey.slice(0, 3)}${'*'.repeat(apiKey.length - 7)}${apiKey.slice(-4)}`;
}

/** 401 for a request without any bearer token; OpenAI leaves `code` null in this case. */
export function missingApiKeyEnvelope(): OpenAiErrorEnvelope {
  return envelope(
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    'invalid_request_error',
  );
}

/** 401 for a bearer token that is not the simulator's key. */
export function invalidApiKeyEnvelope(apiKey: string): OpenAiErrorEnvelope {
  return envelope(
    `Incorrect API key provided: ${maskApiKey(apiKey)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    'invalid_api_key',
  );
}

/** 404 for a model the simulator does not serve; OpenAI uses 404 (not 400) for chat completions. */
export function modelNotFoundEnvelope(model: string): OpenAiErrorEnvelope {
  return envelope(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
}

/** 404 for any route OpenAI does not have, including a known path with the wrong method. */
export function invalidUrlEnvelope(method: string, path: string): OpenAiErrorEnvelope {
  return envelope(`Invalid URL (${method} ${path})`, 'invalid_request_error');
}

/** 400 for a body that is not JSON. */
export function unparsableBodyEnvelope(): OpenAiErrorEnvelope {
  return envelope(
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    'invalid_request_error',
  );
}

/** 400 for a body (JSON or form) that lacks a required top-level field. */
export function missingParameterEnvelope(param: 'model' | 'messages' | 'input' | 'prompt' | 'file' | 'voice'): OpenAiErrorEnvelope {
  if (param === 'model') return envelope('you must provide a model parameter', 'invalid_request_error');
  return envelope(`Missing required parameter: '${param}'.`, 'invalid_request_error', 'missing_required_parameter', param);
}
