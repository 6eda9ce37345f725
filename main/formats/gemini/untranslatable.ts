import type { ChatRequest } from '../../spec/index.js';
import { checkTranslatable, untranslatableMetadata as record, type Untranslatable } from '../untranslatable.js';

export type { Untranslatable } from '../untranslatable.js';

/**
 * Gemini-only features: built-in tools (`googleSearch`, `codeExecution`, ...: offered tools,
 * dropped with a warning), `cachedContent`, several candidates, a choice among several allowed
 * functions (these block translation). Kept under the format's own key, apart from
 * `providerMetadata.gemini`, which holds only wire fields.
 */
export const formatMetadataKey = 'gemini-client';

export function untranslatableMetadata(items: Untranslatable[]): ChatRequest['providerMetadata'] {
  return record(formatMetadataKey, items);
}

/** Before translating for a non-Gemini upstream: 400 for what cannot be carried, warnings for dropped tools. */
export function checkGeminiTranslatable(request: ChatRequest, upstream = 'a non-Gemini upstream'): string[] {
  return checkTranslatable(request, { formatKey: formatMetadataKey, formatLabel: 'Gemini', upstream });
}
