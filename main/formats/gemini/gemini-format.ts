import type { ClientFormat } from '../client-format.js';
import { applyGeminiPolicies } from './apply-request-policies.js';
import { decodeGeminiRequest } from './decode-gemini-request.js';
import { encodeGeminiResult } from './encode-gemini-result.js';
import { geminiErrors } from './encode-error.js';
import { createGeminiStreamEncoder } from './gemini-stream-encoder.js';
import { checkGeminiTranslatable } from './untranslatable.js';

export { encodeGeminiModelList } from './encode-model-list.js';
export { createGeminiStreamEncoder, type GeminiStreamFraming } from './gemini-stream-encoder.js';

/**
 * The Gemini API (v1beta) as a client format: `/v1beta/models/{model}:generateContent` and
 * `:streamGenerateContent`, what Gemini CLI and the Google GenAI SDKs speak. The model and
 * streaming come from the URL (`decodeRequest` overrides). `createStreamEncoder` frames as SSE
 * (`?alt=sse`); the route uses `createGeminiStreamEncoder(context, {framing: 'json-array'})`
 * when the client left `alt` out.
 * @see https://ai.google.dev/api/generate-content
 */
export const geminiFormat: ClientFormat = {
  id: 'gemini',
  errors: geminiErrors,
  decodeRequest: decodeGeminiRequest,
  encodeResult: encodeGeminiResult,
  createStreamEncoder: (context) => createGeminiStreamEncoder(context, { framing: 'sse' }),
  checkTranslatable: (request, upstream) => checkGeminiTranslatable(request, `provider '${upstream}'`),
  applyRequestPolicies: applyGeminiPolicies,
};
