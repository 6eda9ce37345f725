import type { GeminiPart } from '../../providers/gemini/gemini-api.js';
import type { GenerateResult } from '../../spec/index.js';
import type { EncodeContext } from '../client-format.js';
import { encodeGeminiPart } from './encode-gemini-parts.js';
import { encodeGeminiUsage } from './encode-gemini-usage.js';
import { toGeminiFinishReason } from './map-finish-reason.js';

/** A `GenerateContentResponse` as the router builds it. */
export interface GeminiResponseBody {
  candidates: { content: { role: 'model'; parts: GeminiPart[] }; finishReason?: string; index: number }[];
  usageMetadata?: Record<string, number>;
  modelVersion: string;
  responseId: string;
}

/**
 * A whole answer as Gemini's `GenerateContentResponse`, reporting the model name the client asked for.
 * @see https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
 */
export function encodeGeminiResult(result: GenerateResult, context: EncodeContext): GeminiResponseBody {
  const parts: GeminiPart[] = [];
  for (const part of result.content) {
    const encoded = encodeGeminiPart(part);
    if (encoded) parts.push(encoded);
  }
  const usageMetadata = encodeGeminiUsage(result.usage, result.providerMetadata);
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason: toGeminiFinishReason(result.finishReason), index: 0 }],
    ...(Object.keys(usageMetadata).length > 0 ? { usageMetadata } : {}),
    modelVersion: context.model,
    responseId: result.response.id ?? context.requestId,
  };
}
