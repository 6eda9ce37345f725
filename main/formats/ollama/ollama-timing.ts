import type { EncodeContext } from '../client-format.js';
import type { FinishReason, Usage } from '../../spec/index.js';

/**
 * The gateway may say when the request arrived (`Date.now()` milliseconds), so `total_duration`
 * is measured, not made up. Without it, and for the phases we cannot see (model load, prompt
 * evaluation, generation on the upstream), durations are 0.
 */
export type OllamaEncodeContext = EncodeContext & { startedAt?: number };

/** Ollama's `done_reason`: it says `stop` after tool calls too. */
export function toOllamaDoneReason(finishReason: FinishReason): 'stop' | 'length' {
  return finishReason.unified === 'length' ? 'length' : 'stop';
}

/** `created_at`, RFC 3339. */
export function createdAt(): string {
  return new Date().toISOString();
}

/**
 * The closing fields of an answer. Token counts are the upstream's own figures and are left out
 * when it gave none; durations are nanoseconds.
 */
export function doneFields(finishReason: FinishReason, usage: Usage, context: OllamaEncodeContext): Record<string, unknown> {
  const total = context.startedAt === undefined ? 0 : Math.max(0, Date.now() - context.startedAt) * 1_000_000;
  return {
    done: true,
    done_reason: toOllamaDoneReason(finishReason),
    total_duration: total,
    load_duration: 0,
    ...(usage.inputTokens === undefined ? {} : { prompt_eval_count: usage.inputTokens }),
    prompt_eval_duration: 0,
    ...(usage.outputTokens === undefined ? {} : { eval_count: usage.outputTokens }),
    eval_duration: 0,
  };
}
