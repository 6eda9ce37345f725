import type { Usage } from '../../spec/index.js';

export interface OpenAiChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

/**
 * OpenAI's usage object. Its three counts are required numbers, so figures are never made up: when
 * the upstream did not report both prompt and completion tokens there is no usage object at all
 * (`usage` itself is optional). Detail fields appear only when the upstream reported them.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function toOpenAiChatUsage(usage: Usage): OpenAiChatUsage | undefined {
  if (usage.inputTokens === undefined || usage.outputTokens === undefined) return undefined;
  const encoded: OpenAiChatUsage = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
  if (usage.cachedInputTokens !== undefined) encoded.prompt_tokens_details = { cached_tokens: usage.cachedInputTokens };
  if (usage.reasoningTokens !== undefined) encoded.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return encoded;
}
