import type { ClientFormat } from '../client-format.js';
import { applyResponsesPolicies } from './apply-request-policies.js';
import { decodeResponsesRequest } from './decode-responses-request.js';
import { openAiResponsesErrors } from './encode-error.js';
import { encodeResponsesResult } from './encode-responses-result.js';
import { createResponsesStreamEncoder } from './responses-stream-encoder.js';
import { checkResponsesTranslatable } from './untranslatable.js';

/**
 * The OpenAI Responses API as a client format (`POST /v1/responses`). `previous_response_id`
 * needs a store, which decoding has not: see response-store.ts.
 * @see https://platform.openai.com/docs/api-reference/responses
 */
export const openAiResponsesFormat: ClientFormat = {
  id: 'openai-responses',
  errors: openAiResponsesErrors,
  decodeRequest: decodeResponsesRequest,
  checkTranslatable: (request, upstream) => checkResponsesTranslatable(request, `provider '${upstream}'`),
  encodeResult: encodeResponsesResult,
  createStreamEncoder: createResponsesStreamEncoder,
  applyRequestPolicies: applyResponsesPolicies,
};
