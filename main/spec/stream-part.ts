import type { ProviderMetadata } from './json-value.js';
import type { FinishReason, Usage } from './usage.js';

/**
 * One event of a streamed answer. Blocks have explicit lifecycles: `*-start`, deltas, `*-end`,
 * each with an id unique within the stream, so encoders never guess where a block ends.
 * `finish` comes exactly once, last (an `error` may replace it).
 */
export type StreamPart =
  | { type: 'response-metadata'; id: string | undefined; modelId: string | undefined; created: number | undefined }
  | { type: 'text-start'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'text-delta'; id: string; delta: string }
  | { type: 'text-end'; id: string }
  | { type: 'reasoning-start'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'reasoning-delta'; id: string; delta: string }
  /** `signature` (Anthropic thinking) and `redactedData` arrive at the end of their block. */
  | { type: 'reasoning-end'; id: string; signature?: string; redactedData?: string; providerMetadata?: ProviderMetadata }
  /** A tool call starts: its id and name are known before its arguments. */
  | { type: 'tool-input-start'; id: string; toolName: string }
  | { type: 'tool-input-delta'; id: string; delta: string }
  | { type: 'tool-input-end'; id: string }
  /** The complete call, after its input ended. `toolCallId` equals the `id` of its input parts. */
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: string; providerMetadata?: ProviderMetadata }
  | { type: 'finish'; finishReason: FinishReason; usage: Usage; providerMetadata?: ProviderMetadata }
  /** The upstream failed mid-stream; the encoder turns it into the client format's error event. */
  | { type: 'error'; error: unknown };

export type StreamPartType = StreamPart['type'];
