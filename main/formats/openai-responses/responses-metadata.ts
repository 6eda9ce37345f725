import type { JsonObject, JsonValue, ProviderMetadata } from '../../spec/index.js';

/**
 * The key under which Responses data travels in `providerMetadata`: request fields with no
 * neutral home (written by this client format, read by the openai-responses upstream adapter) and,
 * on reasoning parts, the reasoning item's `id` and `encrypted_content`, which must come back to
 * the upstream unchanged for the model to keep its chain of thought across turns.
 * @see https://platform.openai.com/docs/guides/reasoning#encrypted-reasoning-items
 */
export const responsesMetadataKey = 'openai-responses';

/** Reasoning item identity as kept on a ReasoningPart or a reasoning stream part. */
export interface ReasoningItemMetadata {
  itemId: string | undefined;
  encryptedContent: string | undefined;
}

export function readReasoningItem(providerMetadata: ProviderMetadata | undefined): ReasoningItemMetadata {
  const entry = providerMetadata?.[responsesMetadataKey];
  return { itemId: stringOrUndefined(entry?.itemId), encryptedContent: stringOrUndefined(entry?.encryptedContent) };
}

export function reasoningItemMetadata(itemId: string | undefined, encryptedContent: string | undefined): ProviderMetadata | undefined {
  const entry: JsonObject = {};
  if (itemId !== undefined) entry.itemId = itemId;
  if (encryptedContent !== undefined) entry.encryptedContent = encryptedContent;
  return Object.keys(entry).length > 0 ? { [responsesMetadataKey]: entry } : undefined;
}

/** Request-level fields a Responses client sent beyond the neutral ones. */
export interface ResponsesRequestMetadata {
  previousResponseId: string | undefined;
  store: boolean | undefined;
  include: string[];
  /** The client's effort when the neutral one cannot hold it (`none`, `xhigh`). */
  reasoningEffort: string | undefined;
  reasoningSummary: string | undefined;
  safetyIdentifier: string | undefined;
  /** The client's `instructions`, echoed in the response object. */
  instructions: string | undefined;
  /** The client's `metadata` pairs, echoed in the response object. */
  metadata: Record<string, string> | undefined;
}

export function readResponsesRequestMetadata(providerMetadata: ProviderMetadata): ResponsesRequestMetadata {
  const entry = providerMetadata[responsesMetadataKey];
  const include = entry?.include;
  return {
    previousResponseId: stringOrUndefined(entry?.previousResponseId),
    store: typeof entry?.store === 'boolean' ? entry.store : undefined,
    include: Array.isArray(include) ? include.filter((item): item is string => typeof item === 'string') : [],
    reasoningEffort: stringOrUndefined(entry?.reasoningEffort),
    reasoningSummary: stringOrUndefined(entry?.reasoningSummary),
    safetyIdentifier: stringOrUndefined(entry?.safetyIdentifier),
    instructions: stringOrUndefined(entry?.instructions),
    metadata: stringPairs(entry?.metadata),
  };
}

/** Marks the system text that came from `instructions`: not carried over by `previous_response_id`. */
export const instructionsMarker: ProviderMetadata = { [responsesMetadataKey]: { instructions: true } };

export function isInstructionsText(providerMetadata: ProviderMetadata | undefined): boolean {
  return providerMetadata?.[responsesMetadataKey]?.instructions === true;
}

function stringPairs(value: JsonValue | undefined): Record<string, string> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const pairs = Object.entries(value).filter((pair): pair is [string, string] => typeof pair[1] === 'string');
  return pairs.length > 0 ? Object.fromEntries(pairs) : undefined;
}

function stringOrUndefined(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
