import type { PricingOverridesRepo } from '../../store/pricing-overrides-repo.js';
import type { TokenCounts } from '../usage-entry.js';
import { costOfTokens } from './cost-of-tokens.js';
import { defaultPrices } from './default-prices.js';
import { alternativeNames, matchModelPrice, type PriceMatch } from './match-model-price.js';
import type { ModelPrice, PricedModel } from './model-price.js';

/**
 * Prices per upstream model: the user's overrides first (exact, variant, then `*` pattern), then
 * the shipped table. `priceOf` is read on the request path (cost-optimised routing), so answers are
 * memoised until an override changes.
 */
export class PricingTable {
  #overrides: Map<string, ModelPrice>;
  readonly #memo = new Map<string, { priced: PricedModel; price: ModelPrice } | null>();

  constructor(
    private readonly repo: PricingOverridesRepo,
    private readonly defaults: ReadonlyMap<string, ModelPrice> = defaultPrices,
  ) {
    this.#overrides = repo.list();
  }

  /** The price of an upstream model name (without provider prefix), undefined when none is known. */
  priceOf(model: string): ModelPrice | undefined {
    return this.#memoised(model)?.price;
  }

  /** Like `priceOf`, saying which table row (`model`: a name or pattern) and `source` it came from. */
  resolve(model: string): PricedModel | undefined {
    return this.#memoised(model)?.priced;
  }

  /** USD for a request's tokens on `model`; null when the model has no price or no tokens were reported. */
  costOf(model: string, usage: TokenCounts): number | null {
    const price = this.priceOf(model);
    return price === undefined ? null : costOfTokens(price, usage);
  }

  /** Every shipped and user price, each marked by where it came from; a user price replaces a shipped one of the same name. */
  list(): PricedModel[] {
    const rows = new Map<string, PricedModel>();
    for (const [model, price] of this.defaults) rows.set(model, { model, ...price, source: 'default' });
    for (const [model, price] of this.#overrides) rows.set(model, { model, ...price, source: 'custom' });
    return [...rows.values()].sort((a, b) => a.model.localeCompare(b.model));
  }

  /** Sets the user's price for a model name or `*` pattern. */
  set(model: string, price: ModelPrice): void {
    this.repo.put(model.toLowerCase(), price);
    this.#reload();
  }

  /** Removes the user's price (the shipped one, if any, applies again). False when there was none. */
  reset(model: string): boolean {
    const removed = this.repo.delete(model.toLowerCase());
    if (removed) this.#reload();
    return removed;
  }

  #reload(): void {
    this.#overrides = this.repo.list();
    this.#memo.clear();
  }

  #memoised(model: string): { priced: PricedModel; price: ModelPrice } | undefined {
    let found = this.#memo.get(model);
    if (found === undefined) {
      const priced = this.#lookup(model);
      found = priced ? { priced, price: { input: priced.input, output: priced.output, cachedInput: priced.cachedInput, cacheWrite: priced.cacheWrite } } : null;
      // The memo is bounded by the models actually routed to, but guard against a client inventing names.
      if (this.#memo.size > 10_000) this.#memo.clear();
      this.#memo.set(model, found);
    }
    return found ?? undefined;
  }

  #lookup(model: string): PricedModel | undefined {
    for (const { name, exactOnly } of [{ name: model, exactOnly: false }, ...alternativeNames(model)]) {
      for (const [prices, source] of [[this.#overrides, 'custom'], [this.defaults, 'default']] as const) {
        const match = exactOnly ? exactMatch(prices, name) : matchModelPrice(prices, name);
        if (match) return { model: match.pattern, ...match.price, source };
      }
    }
    return undefined;
  }
}

function exactMatch(prices: ReadonlyMap<string, ModelPrice>, name: string): PriceMatch | undefined {
  const price = prices.get(name.toLowerCase());
  return price && { pattern: name.toLowerCase(), price };
}
