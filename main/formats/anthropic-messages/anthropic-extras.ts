import type { JsonObject, JsonValue, ProviderMetadata } from '../../spec/index.js';

/**
 * The fields of a wire object that its canonical counterpart has no place for (`cache_control`,
 * `citations`, `title`, fields Anthropic adds later), under their wire names, as
 * `providerMetadata.anthropic`: an Anthropic encoder spreads them back onto the same object.
 * Undefined when there are none, so parts stay small.
 */
export function anthropicExtras(wire: Record<string, unknown>, mapped: readonly string[]): ProviderMetadata | undefined {
  let extras: JsonObject | undefined;
  for (const [key, value] of Object.entries(wire)) {
    if (value === undefined || mapped.includes(key)) continue;
    // The body came from JSON.parse, so every value is JSON.
    (extras ??= {})[key] = value as JsonValue;
  }
  return extras ? { anthropic: extras } : undefined;
}

/** Adds `providerMetadata` to a part only when there is some, keeping parts free of undefined keys. */
export function withMetadata<Part extends object>(part: Part, metadata: ProviderMetadata | undefined): Part {
  return metadata ? { ...part, providerMetadata: metadata } : part;
}
