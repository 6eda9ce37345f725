import type { TokenCounts } from '../usage-entry.js';
import type { ModelPrice } from './model-price.js';

const perToken = 1 / 1_000_000;

/**
 * USD for one request's tokens. The spec counts cached and cache-write tokens inside `inputTokens`
 * (main/spec/usage.ts), so they are taken out of it and priced at their own rates: uncached input =
 * input - cached - cacheWrite (never below zero). Reasoning tokens are inside `outputTokens` and
 * priced as output, not added again.
 *
 * Null when the upstream reported neither input nor output: an unknown cost is not a zero cost. A
 * figure that is missing on one side only counts as nothing on that side (never estimated).
 */
export function costOfTokens(price: ModelPrice, tokens: TokenCounts): number | null {
  const { inputTokens, outputTokens } = tokens;
  if (inputTokens === null && outputTokens === null) return null;
  const cached = tokens.cachedInputTokens ?? 0;
  const cacheWrite = tokens.cacheWriteInputTokens ?? 0;
  const uncached = Math.max(0, (inputTokens ?? 0) - cached - cacheWrite);
  const dollarsPerMillion =
    uncached * price.input +
    cached * (price.cachedInput ?? price.input) +
    cacheWrite * (price.cacheWrite ?? price.input) +
    (outputTokens ?? 0) * price.output;
  return dollarsPerMillion * perToken;
}
