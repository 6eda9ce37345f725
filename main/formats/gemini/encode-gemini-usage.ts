import type { ProviderMetadata, Usage } from '../../spec/index.js';

/**
 * Canonical usage as Gemini's `usageMetadata`. An answer from a Gemini upstream carries Gemini's
 * own object (providerMetadata.gemini.usageMetadata), sent back unchanged. Otherwise the figures
 * are rebuilt: `candidatesTokenCount` excludes thinking tokens, as at Gemini; a figure the
 * upstream did not report is left out, never estimated.
 * @see https://ai.google.dev/api/generate-content#UsageMetadata
 */
export function encodeGeminiUsage(usage: Usage, metadata: ProviderMetadata | undefined): Record<string, number> {
  const original = metadata?.gemini?.usageMetadata;
  if (original !== null && typeof original === 'object' && !Array.isArray(original)) return original as Record<string, number>;
  const encoded: Record<string, number> = {};
  if (usage.inputTokens !== undefined) encoded.promptTokenCount = usage.inputTokens;
  if (usage.outputTokens !== undefined) encoded.candidatesTokenCount = usage.outputTokens - (usage.reasoningTokens ?? 0);
  if (usage.inputTokens !== undefined && usage.outputTokens !== undefined) encoded.totalTokenCount = usage.inputTokens + usage.outputTokens;
  if (usage.cachedInputTokens !== undefined) encoded.cachedContentTokenCount = usage.cachedInputTokens;
  if (usage.reasoningTokens !== undefined) encoded.thoughtsTokenCount = usage.reasoningTokens;
  return encoded;
}
