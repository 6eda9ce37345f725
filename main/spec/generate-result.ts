import type { ProviderMetadata } from './json-value.js';
import type { ReasoningPart, TextPart, ToolCallPart } from './prompt.js';
import type { FinishReason, Usage } from './usage.js';

/** A whole (non-streamed) answer. */
export interface GenerateResult {
  /** In the order the model produced it. */
  content: (TextPart | ReasoningPart | ToolCallPart)[];
  finishReason: FinishReason;
  usage: Usage;
  response: {
    /** The upstream's response id, when it gave one. */
    id: string | undefined;
    modelId: string | undefined;
    /** Seconds since the epoch. */
    created: number | undefined;
  };
  providerMetadata?: ProviderMetadata;
}
