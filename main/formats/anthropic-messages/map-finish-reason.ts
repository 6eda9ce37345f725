import type { FinishReason, ProviderMetadata } from '../../spec/index.js';
import type { AnthropicStopReason } from './anthropic-response.js';

const anthropicStopReasons = new Set<string>([
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
  'model_context_window_exceeded',
]);

/**
 * Anthropic's `stop_reason` for a canonical finish. The raw reason refines the unified one where
 * Anthropic has a finer value (an Anthropic upstream's `stop_sequence`, `pause_turn`, ...).
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function mapFinishReason(reason: FinishReason): AnthropicStopReason {
  const raw = reason.raw;
  switch (reason.unified) {
    case 'tool-calls':
      return 'tool_use';
    case 'length':
      return raw === 'model_context_window_exceeded' ? raw : 'max_tokens';
    case 'content-filter':
      return 'refusal';
    case 'stop':
      return raw === 'stop_sequence' ? raw : 'end_turn';
    case 'error':
    case 'other':
      // Anthropic has no "error" or "other": the closest honest answer is that the turn ended,
      // unless the upstream was Anthropic and said more precisely why.
      return raw !== undefined && anthropicStopReasons.has(raw) ? (raw as AnthropicStopReason) : 'end_turn';
  }
}

/**
 * The stop sequence that matched, when the upstream said which one. Only Anthropic does: its
 * adapter keeps it as `providerMetadata.anthropic.stopSequence` (the wire spelling `stop_sequence`
 * is read too). OpenAI-style upstreams do not report it, so it stays null, as Anthropic allows.
 */
export function matchedStopSequence(stopReason: AnthropicStopReason, metadata: ProviderMetadata | undefined): string | null {
  const value = metadata?.anthropic?.stopSequence ?? metadata?.anthropic?.stop_sequence;
  return stopReason === 'stop_sequence' && typeof value === 'string' ? value : null;
}
