import type { Usage } from '../../spec/index.js';
import type { AnthropicUsage } from './anthropic-api.js';

/**
 * Anthropic counts cached prompt tokens apart from `input_tokens`; the canonical `inputTokens`
 * is the whole prompt, so the cache reads and writes are added back in.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance
 */
export function mapAnthropicUsage(usage: AnthropicUsage | null | undefined): Usage {
  const input = usage?.input_tokens ?? undefined;
  const cacheRead = usage?.cache_read_input_tokens ?? undefined;
  const cacheWrite = usage?.cache_creation_input_tokens ?? undefined;
  return {
    inputTokens: input === undefined ? undefined : input + (cacheRead ?? 0) + (cacheWrite ?? 0),
    outputTokens: usage?.output_tokens ?? undefined,
    cachedInputTokens: cacheRead,
    cacheWriteInputTokens: cacheWrite,
    reasoningTokens: usage?.output_tokens_details?.thinking_tokens ?? undefined,
  };
}

/** `message_delta` usage is cumulative: each field it reports replaces the `message_start` one. */
export function mergeAnthropicUsage(start: AnthropicUsage | undefined, delta: AnthropicUsage | null | undefined): AnthropicUsage | undefined {
  if (delta === null || delta === undefined) return start;
  const merged: AnthropicUsage = { ...start };
  for (const [key, value] of Object.entries(delta)) {
    if (value !== null && value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}
