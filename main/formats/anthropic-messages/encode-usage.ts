import type { Usage } from '../../spec/index.js';
import type { AnthropicUsage } from './anthropic-response.js';

/**
 * Anthropic's `usage` for canonical figures. Only `input_tokens` and `output_tokens` must be
 * numbers in Anthropic's schema: they are 0 when the upstream did not report them (never an
 * estimate); the cache figures are null then.
 */
export function encodeUsage(usage: Usage): AnthropicUsage {
  return {
    input_tokens: uncachedInputTokens(usage) ?? 0,
    cache_creation_input_tokens: usage.cacheWriteInputTokens ?? null,
    cache_read_input_tokens: usage.cachedInputTokens ?? null,
    output_tokens: usage.outputTokens ?? 0,
  };
}

/** The `usage` of `message_delta`: cumulative figures, each present only when known. */
export function encodeDeltaUsage(usage: Usage): Partial<AnthropicUsage> & { output_tokens: number } {
  const input = uncachedInputTokens(usage);
  return {
    ...(input === undefined ? {} : { input_tokens: input }),
    ...(usage.cacheWriteInputTokens === undefined ? {} : { cache_creation_input_tokens: usage.cacheWriteInputTokens }),
    ...(usage.cachedInputTokens === undefined ? {} : { cache_read_input_tokens: usage.cachedInputTokens }),
    output_tokens: usage.outputTokens ?? 0,
  };
}

/**
 * Canonical input tokens include cache reads and writes; Anthropic's `input_tokens` excludes
 * both. Clamped at 0 so an upstream whose figures do not add up never yields a negative count.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance
 */
function uncachedInputTokens(usage: Usage): number | undefined {
  if (usage.inputTokens === undefined) return undefined;
  return Math.max(0, usage.inputTokens - (usage.cachedInputTokens ?? 0) - (usage.cacheWriteInputTokens ?? 0));
}
