import { invalidRequest } from '../../errors/gateway-error.js';
import type { ChatRequest, JsonValue } from '../../spec/index.js';

/**
 * What a decoded request could not say in canonical terms: Anthropic-defined tools (web search,
 * bash, text editor, ...), server tool blocks in the history, Files API ids. Decoding keeps going,
 * because a request routed to an Anthropic upstream passes through untouched and needs none of
 * it translated; a request about to be translated for another upstream must fail instead, naming
 * what it would lose (see assertTranslatable).
 *
 * Kept in `providerMetadata['anthropic-messages']`, the client format's own bookkeeping, apart
 * from `providerMetadata.anthropic`, which holds only wire fields.
 */
export interface Untranslatable {
  /** Where it is, in the validator's path format: `tools[0]`, `messages[3].content[1]`. */
  param: string;
  what: string;
}

export const formatMetadataKey = 'anthropic-messages';

export function untranslatableMetadata(items: Untranslatable[], serverTools: JsonValue[]): ChatRequest['providerMetadata'] {
  if (items.length === 0) return {};
  return {
    [formatMetadataKey]: {
      untranslatable: items.map((item) => ({ param: item.param, what: item.what })),
      // The tool definitions themselves, for an Anthropic encoder that wants them back.
      ...(serverTools.length > 0 ? { serverTools } : {}),
    },
  };
}

/** What the request cannot carry to a non-Anthropic upstream; empty when it translates fully. */
export function untranslatableParts(request: ChatRequest): Untranslatable[] {
  const items = request.providerMetadata[formatMetadataKey]?.untranslatable;
  return Array.isArray(items) ? (items as unknown as Untranslatable[]) : [];
}

/**
 * Throws a 400 naming every Anthropic-only feature of the request. The gateway calls it before
 * translating an Anthropic request for a non-Anthropic upstream, so that nothing is dropped
 * silently; passthrough to an Anthropic upstream does not need it.
 */
export function assertTranslatable(request: ChatRequest, upstream = 'a non-Anthropic upstream'): void {
  const items = untranslatableParts(request);
  const first = items[0];
  if (first === undefined) return;
  const list = items.map((item) => `${item.what} at '${item.param}'`).join('; ');
  throw invalidRequest(
    `This request uses Anthropic-only features that cannot be translated for ${upstream}: ${list}. ` +
      'Route it to an Anthropic provider, or leave these out.',
    first.param,
  );
}
