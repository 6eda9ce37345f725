import type { ChatRequest } from '../../spec/index.js';
import { checkTranslatable, untranslatableMetadata as record, untranslatableParts as parts, type Untranslatable } from '../untranslatable.js';

export type { Untranslatable } from '../untranslatable.js';

/**
 * Hosted tools (web_search, file_search, mcp, namespaces, ...), a hosted `tool_choice` and the items
 * of those tools in the history have no neutral form; kept in
 * `providerMetadata['openai-responses-format']`, apart from the request fields.
 */
const formatKey = 'openai-responses-format';

export function untranslatableMetadata(items: Untranslatable[]): ChatRequest['providerMetadata'] {
  return record(formatKey, items);
}

export function untranslatableParts(request: ChatRequest): Untranslatable[] {
  return parts(request, formatKey);
}

/** Before translating for a non-Responses upstream: 400 for what cannot be carried, warnings for dropped tools. */
export function checkResponsesTranslatable(request: ChatRequest, upstream = 'a provider that does not speak the Responses API'): string[] {
  return checkTranslatable(request, { formatKey, formatLabel: 'OpenAI Responses', upstream });
}
