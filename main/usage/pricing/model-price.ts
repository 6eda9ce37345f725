/** USD per million tokens of one model. */
export interface ModelPrice {
  /** Uncached prompt tokens. */
  input: number;
  /** Completion tokens, reasoning included. */
  output: number;
  /** Prompt tokens read from the provider's cache; null when the provider has no discount (input price applies). */
  cachedInput: number | null;
  /** Prompt tokens written to the provider's cache; null when writes cost the input price. */
  cacheWrite: number | null;
}

/** Where a price came from: the shipped table or the user's override. */
export type PriceSource = 'default' | 'custom';

/** A row of the pricing table: a model name, or a pattern with `*`, and its price. */
export interface PricedModel extends ModelPrice {
  model: string;
  source: PriceSource;
}
