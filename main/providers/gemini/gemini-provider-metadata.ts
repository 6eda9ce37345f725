import type { JsonObject, JsonValue, ProviderMetadata } from '../../spec/index.js';

/**
 * `providerMetadata.gemini`: Gemini wire data with no neutral home, restored when the request
 * or answer goes back to Gemini (an upstream or a Gemini client).
 * - on parts: `thoughtSignature` (any part may carry one, Gemini requires it back on the same
 *   part), `functionCallId` (an id Gemini itself gave a call), `response` (a functionResponse's
 *   object, verbatim);
 * - on a request decoded from a Gemini client: `extras` (top-level fields such as
 *   `safetySettings`), `generationConfig` (its unmapped fields), `tools` (non-function tools).
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export const geminiMetadataKey = 'gemini';

export function geminiMetadata(metadata: ProviderMetadata | undefined): JsonObject {
  return metadata?.[geminiMetadataKey] ?? {};
}

export function thoughtSignatureOf(metadata: ProviderMetadata | undefined): string | undefined {
  const value = geminiMetadata(metadata).thoughtSignature;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Metadata for a part from Gemini; undefined when there is nothing to keep. */
export function geminiPartMetadata(fields: { thoughtSignature?: string | undefined; functionCallId?: string | undefined }): ProviderMetadata | undefined {
  const data: JsonObject = {};
  if (fields.thoughtSignature) data.thoughtSignature = fields.thoughtSignature;
  if (fields.functionCallId) data.functionCallId = fields.functionCallId;
  return Object.keys(data).length > 0 ? { [geminiMetadataKey]: data } : undefined;
}

export function objectField(object: JsonObject, key: string): JsonObject | undefined {
  const value: JsonValue | undefined = object[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
