import type { JsonObject, JsonValue, ProviderMetadata } from '../../spec/index.js';

/**
 * `providerMetadata.anthropic` holds Anthropic wire fields the canonical types have no place for,
 * under their wire names (`cache_control`, `citations`, `title`, ...), as the anthropic-messages
 * client format writes them. They are spread back onto the block they came from; fields the
 * encoder set itself win. `cacheControl` is accepted as a spelling of `cache_control`, for
 * client formats that only want to ask for prompt caching.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 */
export function withAnthropicExtras<Block extends object>(block: Block, providerMetadata: ProviderMetadata | undefined): Block {
  const extras = providerMetadata?.anthropic;
  if (extras === undefined) return block;
  const merged: Record<string, unknown> = { ...(block as Record<string, unknown>) };
  for (const [key, value] of Object.entries(extras)) {
    const name = key === 'cacheControl' ? 'cache_control' : key;
    if (value !== undefined && !(name in merged)) merged[name] = value;
  }
  return merged as Block;
}

/** Request-level fields an Anthropic client sent that the hub has no field for. */
export interface AnthropicRequestExtras {
  /** Top-level body fields (`thinking`, `output_config`, `service_tier`, `cache_control`, ...). */
  fields: JsonObject;
  /** Anthropic-defined tools (`web_search_*`, `bash_*`, ...), as the client wrote them. */
  serverTools: JsonValue[];
}

/** The key under which the anthropic-messages client format keeps its own bookkeeping. */
const clientFormatKey = 'anthropic-messages';

export function readAnthropicRequestExtras(providerMetadata: ProviderMetadata): AnthropicRequestExtras {
  const serverTools = providerMetadata[clientFormatKey]?.serverTools;
  return { fields: providerMetadata.anthropic ?? {}, serverTools: Array.isArray(serverTools) ? serverTools : [] };
}
