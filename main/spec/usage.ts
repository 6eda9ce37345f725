/**
 * Token figures exactly as the upstream reported them. A field is undefined when the upstream did
 * not report it: never estimated, never inflated.
 */
export interface Usage {
  /** Prompt tokens, including cached ones (OpenAI `prompt_tokens`; Anthropic input + cache read + cache write). */
  inputTokens: number | undefined;
  /** Completion tokens, including reasoning tokens. */
  outputTokens: number | undefined;
  /** Prompt tokens served from the provider's cache (OpenAI `cached_tokens`, Anthropic `cache_read_input_tokens`). */
  cachedInputTokens: number | undefined;
  /** Prompt tokens written to the provider's cache (Anthropic `cache_creation_input_tokens`). */
  cacheWriteInputTokens: number | undefined;
  /** Output tokens spent on reasoning. */
  reasoningTokens: number | undefined;
}

/** Why generation stopped, in neutral terms. */
export type UnifiedFinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

export interface FinishReason {
  unified: UnifiedFinishReason;
  /** The upstream's own value (`end_turn`, `tool_calls`, `STOP`, ...), for formats that can carry it. */
  raw: string | undefined;
}
