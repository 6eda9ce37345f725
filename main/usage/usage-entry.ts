import type { UsageFigures } from '../../shared/usage-types.js';
import type { Usage } from '../spec/usage.js';

/**
 * One request as the usage recorder receives it from the request pipeline. Token figures are the
 * upstream's own (see main/spec/usage.ts): null when it did not report them, never estimated.
 */
export interface UsageEntry extends UsageFigures {
  requestId: string;
  /** ms epoch when the request arrived. */
  startedAt: number;
  /**
   * The client's wire format; `openai-embeddings`, `openai-images`, `openai-transcriptions`,
   * `openai-translations`, `openai-speech` and `openai-videos` are `/v1/embeddings`,
   * `/v1/images/generations`, `/v1/audio/{transcriptions,translations,speech}` and `/v1/videos`
   * (making and remixing a video).
   */
  clientFormat:
    | 'openai-chat'
    | 'anthropic-messages'
    | 'openai-responses'
    | 'gemini'
    | 'ollama'
    | 'ollama-generate'
    | 'openai-embeddings'
    | 'openai-images'
    | 'openai-transcriptions'
    | 'openai-translations'
    | 'openai-speech'
    | 'openai-videos';
  /** Request-policy notes (system prompt applied, thinking budget capped, warnings), shown in the request log. */
  notes?: string[];
}

/** A usage entry as stored: the cost (USD) is computed when the batch is written, null when unknown. */
export interface UsageRecord extends UsageEntry {
  cost: number | null;
}

/** The token figures cost is computed from; the same fields as UsageEntry, null when not reported. */
export type TokenCounts = Pick<UsageEntry, 'inputTokens' | 'outputTokens' | 'cachedInputTokens' | 'cacheWriteInputTokens'>;

/** The upstream model name (no provider prefix) a record's `provider/model` priced by. */
export function upstreamModelOf(entry: Pick<UsageEntry, 'provider' | 'model'>): string | null {
  const { model, provider } = entry;
  if (model === null) return null;
  if (provider !== null && model.startsWith(provider + '/')) return model.slice(provider.length + 1);
  const slash = model.indexOf('/');
  return slash === -1 ? model : model.slice(slash + 1);
}

/** The token fields of a UsageEntry from the canonical Usage of a `finish` part: unreported (undefined) becomes null, nothing is estimated. */
export function tokenFieldsOf(usage: Usage | undefined): Pick<UsageEntry, 'inputTokens' | 'outputTokens' | 'cachedInputTokens' | 'cacheWriteInputTokens' | 'reasoningTokens'> {
  return {
    inputTokens: usage?.inputTokens ?? null,
    outputTokens: usage?.outputTokens ?? null,
    cachedInputTokens: usage?.cachedInputTokens ?? null,
    cacheWriteInputTokens: usage?.cacheWriteInputTokens ?? null,
    reasoningTokens: usage?.reasoningTokens ?? null,
  };
}
