import type { ModelPrice } from './model-price.js';

/**
 * Characters that may follow a priced name in a variant of it: `claude-sonnet-4-5-20250929`,
 * `gpt-4o-2024-08-06`, `llama3:8b`, `model@2025`. Not `.`, so `gpt-5` does not price `gpt-5.4`.
 */
/** A price and the table name or pattern it was found under. */
export interface PriceMatch {
  pattern: string;
  price: ModelPrice;
}

const variantSeparators = new Set(['-', ':', '@', '_']);

/**
 * The price for `model` in `prices`: an exact name first, then the longest name that `model` is a
 * variant of, then the first `*` pattern that matches. Case-insensitive; names are stored lower-case.
 */
export function matchModelPrice(prices: ReadonlyMap<string, ModelPrice>, model: string): PriceMatch | undefined {
  const name = model.toLowerCase();
  const exact = prices.get(name);
  if (exact) return { pattern: name, price: exact };
  let variant: PriceMatch | undefined;
  let glob: PriceMatch | undefined;
  for (const [pattern, price] of prices) {
    if (pattern.includes('*')) {
      if (!glob && globToRegExp(pattern).test(name)) glob = { pattern, price };
      continue;
    }
    const separator = name[pattern.length];
    if (separator !== undefined && variantSeparators.has(separator) && name.startsWith(pattern) && pattern.length > (variant?.pattern.length ?? 0)) {
      variant = { pattern, price };
    }
  }
  return variant ?? glob;
}

const compiled = new Map<string, RegExp>();

function globToRegExp(pattern: string): RegExp {
  let regExp = compiled.get(pattern);
  if (!regExp) {
    const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    regExp = new RegExp(`^${source}$`);
    compiled.set(pattern, regExp);
  }
  return regExp;
}

/**
 * Other spellings of an upstream model name worth trying when it has no price: without a vendor
 * folder (`anthropic/claude-sonnet-4-5` through OpenRouter, `models/gemini-2.5-pro`), and for an
 * exact match only, with dots as dashes (`claude-sonnet-4.5` is Anthropic's `claude-sonnet-4-5`;
 * as a prefix it would let `gpt-5.3` pass for a variant of `gpt-5`).
 */
export function alternativeNames(model: string): { name: string; exactOnly: boolean }[] {
  const names: { name: string; exactOnly: boolean }[] = [];
  const base = model.slice(model.lastIndexOf('/') + 1);
  if (base !== model) names.push({ name: base, exactOnly: false });
  const dashed = base.replace(/\./g, '-');
  if (dashed !== base) names.push({ name: dashed, exactOnly: true });
  return names;
}
