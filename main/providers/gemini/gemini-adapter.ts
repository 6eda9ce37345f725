import { postForAnswer } from '../call-upstream.js';
import type { EncodedRequest, ChatAdapter } from '../provider-adapter.js';
import { decodeGeminiResult } from './decode-gemini-result.js';
import { encodeGeminiRequest } from './encode-gemini-request.js';
import { readGeminiError } from './gemini-error.js';
import { geminiPath } from './gemini-path.js';
import { createGeminiStreamDecoder } from './gemini-stream-decoder.js';
import { listGeminiModels } from './list-gemini-models.js';
import { usageField } from '../usage-field.js';
import { mapGeminiUsage } from './map-gemini-usage.js';
import { latest, sniffLines } from '../stream-usage-sniffer.js';
import { geminiErrorEvent } from './gemini-error.js';

/**
 * The Gemini API family (v1beta, e.g. base URL `https://generativelanguage.googleapis.com/v1beta`).
 * The model is part of the path; keys go in `x-goog-api-key`.
 * @see https://ai.google.dev/api/generate-content
 */
export const geminiAdapter: ChatAdapter = {
  family: 'gemini',
  chat: true,
  nativeFormat: 'gemini',

  authHeaders(apiKey) {
    return { 'x-goog-api-key': apiKey };
  },

  encodeRequest(request, upstreamModel): EncodedRequest {
    const { body, warnings } = encodeGeminiRequest(request, upstreamModel);
    return { path: geminiPath(upstreamModel, request.stream), body: JSON.stringify(body), warnings };
  },

  send: postForAnswer(readGeminiError),

  decodeResult: decodeGeminiResult,

  // A JSON-array stream read whole is an array of chunks: the last one's figures are the total.
  usageOfResult: (body) => usageField(Array.isArray(body) ? body.at(-1) : body, 'usageMetadata', mapGeminiUsage),

  sniffStreamUsage: () => sniffLines('usageMetadata', latest((event) => usageField(event, 'usageMetadata', mapGeminiUsage)), { inBandError: geminiErrorEvent }),
  createStreamDecoder: createGeminiStreamDecoder,
  listModels: listGeminiModels,
};
