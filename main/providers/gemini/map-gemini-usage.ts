import type { Usage } from '../../spec/index.js';
import type { GeminiUsage } from './gemini-api.js';

/**
 * Gemini's `candidatesTokenCount` leaves out thinking tokens (`thoughtsTokenCount`); the canonical
 * output count includes them. Figures Gemini did not report stay undefined.
 * @see https://ai.google.dev/gemini-api/docs/thinking#pricing
 */
export function mapGeminiUsage(usage: GeminiUsage | undefined): Usage {
  const candidates = usage?.candidatesTokenCount;
  const thoughts = usage?.thoughtsTokenCount;
  return {
    inputTokens: usage?.promptTokenCount,
    outputTokens: candidates === undefined && thoughts === undefined ? undefined : (candidates ?? 0) + (thoughts ?? 0),
    cachedInputTokens: usage?.cachedContentTokenCount,
    cacheWriteInputTokens: undefined,
    reasoningTokens: thoughts,
  };
}
