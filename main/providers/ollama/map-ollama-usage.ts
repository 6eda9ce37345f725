import type { Usage } from '../../spec/index.js';
import type { OllamaChatChunk } from './ollama-api.js';

/** Ollama reports prompt and answer tokens only; the rest is unknown, not zero. */
export function mapOllamaUsage(chunk: OllamaChatChunk | undefined): Usage {
  return {
    inputTokens: chunk?.prompt_eval_count ?? undefined,
    outputTokens: chunk?.eval_count ?? undefined,
    cachedInputTokens: undefined,
    cacheWriteInputTokens: undefined,
    reasoningTokens: undefined,
  };
}
