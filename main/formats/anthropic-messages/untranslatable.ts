import type { ChatRequest, JsonValue } from '../../spec/index.js';
import { checkTranslatable, untranslatableMetadata as record, untranslatableParts as parts, type Untranslatable } from '../untranslatable.js';

export type { Untranslatable } from '../untranslatable.js';

/**
 * Anthropic-defined tools (web search, bash, text editor, ...), server tool blocks in the history
 * and Files API ids have no neutral form. Kept in `providerMetadata['anthropic-messages']`, the
 * client format's own bookkeeping, apart from `providerMetadata.anthropic`, which holds wire fields.
 */
export const formatMetadataKey = 'anthropic-messages';

export function untranslatableMetadata(items: Untranslatable[], serverTools: JsonValue[]): ChatRequest['providerMetadata'] {
  // The tool definitions themselves travel too, for an Anthropic encoder that wants them back.
  return record(formatMetadataKey, items, serverTools.length > 0 ? { serverTools } : {});
}

export function untranslatableParts(request: ChatRequest): Untranslatable[] {
  return parts(request, formatMetadataKey);
}

/** Before translating for a non-Anthropic upstream: 400 for what cannot be carried, warnings for dropped tools. */
export function checkAnthropicTranslatable(request: ChatRequest, upstream = 'a non-Anthropic upstream'): string[] {
  return checkTranslatable(request, { formatKey: formatMetadataKey, formatLabel: 'Anthropic', upstream });
}
