import type { FinishReason } from '../../spec/index.js';

/**
 * Ollama's `done_reason` in neutral terms, the raw value kept. Ollama says `stop` after tool
 * calls, so an answer with tool calls is reported as `tool-calls`; `load`/`unload` (a request
 * that only loaded or unloaded the model) are `other`.
 */
export function mapOllamaDoneReason(raw: string | null | undefined, hasToolCalls: boolean): FinishReason {
  const value = raw ?? undefined;
  if (value === 'length') return { unified: 'length', raw: value };
  if (value === 'stop' || value === undefined) return { unified: hasToolCalls ? 'tool-calls' : 'stop', raw: value };
  return { unified: hasToolCalls ? 'tool-calls' : 'other', raw: value };
}
