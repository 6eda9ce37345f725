import type { ModelPrice } from './model-price.js';

type Row = readonly [model: string, input: number, output: number, cachedInput: number | null, cacheWrite: number | null];

/**
 * The shipped prices, USD per million tokens, standard (not batch, not priority) tier. A name also
 * prices its dated and suffixed variants (`claude-sonnet-4-5-20250929`, `gpt-4o-2024-08-06`) by
 * prefix; see match-model-price.ts. Users override any of them through `/api/pricing`.
 *
 * Checked 2026-11-22 against the vendors' pages:
 * - OpenAI https://openai.com/api/pricing (cache writes are not billed: null, the input price).
 * - Anthropic https://platform.claude.com/docs/en/about-claude/pricing (cacheWrite is the 5-minute
 *   write price; 1-hour writes cost more and are not told apart in the usage the API reports).
 * - Google https://ai.google.dev/gemini-api/docs/pricing (paid tier, prompts up to 200k tokens;
 *   longer prompts cost more and are under-priced here).
 * - DeepSeek https://api-docs.deepseek.com/quick_start/pricing, xAI https://docs.x.ai/docs/models.
 */
const rows: readonly Row[] = [
  // OpenAI
  ['gpt-5.5', 5, 30, 0.5, null],
  ['gpt-5.4', 2.5, 15, 0.25, null],
  ['gpt-5.4-mini', 0.75, 4.5, 0.075, null],
  ['gpt-5.4-nano', 0.2, 1.25, 0.02, null],
  ['gpt-5.2', 1.75, 14, 0.175, null],
  ['gpt-5.1', 1.25, 10, 0.125, null],
  ['gpt-5.1-codex-mini', 0.25, 2, 0.025, null],
  ['gpt-5', 1.25, 10, 0.125, null],
  ['gpt-5-mini', 0.25, 2, 0.025, null],
  ['gpt-5-nano', 0.05, 0.4, 0.005, null],
  ['gpt-5-pro', 15, 120, null, null],
  ['codex-mini-latest', 1.5, 6, 0.375, null],
  ['gpt-4.1', 2, 8, 0.5, null],
  ['gpt-4.1-mini', 0.4, 1.6, 0.1, null],
  ['gpt-4.1-nano', 0.1, 0.4, 0.025, null],
  ['gpt-4o', 2.5, 10, 1.25, null],
  ['gpt-4o-2024-05-13', 5, 15, null, null],
  ['gpt-4o-mini', 0.15, 0.6, 0.075, null],
  ['gpt-4-turbo', 10, 30, null, null],
  ['gpt-3.5-turbo', 0.5, 1.5, null, null],
  ['o1', 15, 60, 7.5, null],
  ['o1-mini', 1.1, 4.4, 0.55, null],
  ['o1-pro', 150, 600, null, null],
  ['o3', 2, 8, 0.5, null],
  ['o3-mini', 1.1, 4.4, 0.55, null],
  ['o3-pro', 20, 80, null, null],
  ['o4-mini', 1.1, 4.4, 0.275, null],
  ['text-embedding-3-small', 0.02, 0, null, null],
  ['text-embedding-3-large', 0.13, 0, null, null],
  // Anthropic
  ['claude-opus-5-5', 4, 20, 0.2, 5],
  ['claude-opus-5', 5, 25, 0.5, 6.25],
  ['claude-opus-4-8', 5, 25, 0.5, 6.25],
  ['claude-opus-4-7', 5, 25, 0.5, 6.25],
  ['claude-opus-4-6', 5, 25, 0.5, 6.25],
  ['claude-opus-4-5', 5, 25, 0.5, 6.25],
  ['claude-opus-4-1', 15, 75, 1.5, 18.75],
  ['claude-opus-4', 15, 75, 1.5, 18.75],
  ['claude-sonnet-5-5', 2, 10, 0.1, 2.5],
  ['claude-sonnet-5', 2, 10, 0.2, 2.5],
  ['claude-sonnet-4-6', 3, 15, 0.3, 3.75],
  ['claude-sonnet-4-5', 3, 15, 0.3, 3.75],
  ['claude-sonnet-4', 3, 15, 0.3, 3.75],
  ['claude-3-7-sonnet', 3, 15, 0.3, 3.75],
  ['claude-3-5-sonnet', 3, 15, 0.3, 3.75],
  ['claude-haiku-5-5', 0.1, 0.5, 0.01, 0.125],
  ['claude-haiku-4-5', 1, 5, 0.1, 1.25],
  ['claude-3-5-haiku', 0.8, 4, 0.08, 1],
  ['claude-3-haiku', 0.25, 1.25, 0.03, 0.3],
  ['claude-3-opus', 15, 75, 1.5, 18.75],
  // Google
  ['gemini-3-pro', 2, 12, 0.2, null],
  ['gemini-3-flash', 0.5, 3, 0.05, null],
  ['gemini-2.5-pro', 1.25, 10, 0.125, null],
  ['gemini-2.5-flash', 0.3, 2.5, 0.03, null],
  ['gemini-2.5-flash-lite', 0.1, 0.4, 0.01, null],
  ['gemini-2.0-flash', 0.1, 0.4, 0.025, null],
  ['gemini-2.0-flash-lite', 0.075, 0.3, null, null],
  ['gemini-1.5-pro', 1.25, 5, null, null],
  ['gemini-1.5-flash', 0.075, 0.3, null, null],
  // Others
  ['deepseek-chat', 0.28, 0.42, 0.028, null],
  ['deepseek-reasoner', 0.28, 0.42, 0.028, null],
  ['grok-4', 3, 15, 0.75, null],
  ['grok-code-fast-1', 0.2, 1.5, 0.02, null],
];

/** The shipped price of each model name, in table order. */
export const defaultPrices: ReadonlyMap<string, ModelPrice> = new Map(
  rows.map(([model, input, output, cachedInput, cacheWrite]) => [model, { input, output, cachedInput, cacheWrite }]),
);
