import type { Usage } from '../../spec/index.js';
import type { OpenAiUsage } from './openai-api.js';

/** OpenAI's usage figures as reported: a figure the upstream left out stays undefined. */
export function mapOpenAiUsage(usage: OpenAiUsage | null | undefined): Usage {
  return {
    inputTokens: usage?.prompt_tokens ?? undefined,
    outputTokens: usage?.completion_tokens ?? undefined,
    cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? usage?.prompt_cache_hit_tokens ?? undefined,
    // OpenAI's prompt_tokens already includes cached tokens; nothing is written to a cache explicitly.
    cacheWriteInputTokens: undefined,
    reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens ?? undefined,
  };
}
