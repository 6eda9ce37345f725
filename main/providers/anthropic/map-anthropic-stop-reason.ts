import type { FinishReason, ProviderMetadata, UnifiedFinishReason } from '../../spec/index.js';

/**
 * `model_context_window_exceeded` is a length stop too: the answer was cut, not finished.
 * `pause_turn` (a server tool paused a long turn) has no neutral meaning: the client must
 * continue the turn itself, so it surfaces as `other` with the raw value kept.
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
const unifiedByStopReason: Record<string, UnifiedFinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  refusal: 'content-filter',
  pause_turn: 'other',
};

export function mapAnthropicStopReason(stopReason: string | null | undefined): FinishReason {
  const raw = stopReason ?? undefined;
  return { unified: (raw !== undefined && Object.hasOwn(unifiedByStopReason, raw) ? unifiedByStopReason[raw] : undefined) ?? 'other', raw };
}

/**
 * The matched stop sequence has no neutral field; it travels as `providerMetadata.anthropic
 * .stopSequence` so an Anthropic client gets it back as `stop_sequence`.
 */
export function stopSequenceMetadata(stopSequence: string | null | undefined): ProviderMetadata | undefined {
  return typeof stopSequence === 'string' ? { anthropic: { stopSequence } } : undefined;
}
