import type { ModelPrice } from '../usage/pricing/model-price.js';
import type { Database } from './database.js';

interface PricingOverrideRow {
  model: string;
  input: number;
  output: number;
  cached_input: number | null;
  cache_write: number | null;
}

/** The `pricing_overrides` table: prices the user set, by model name or `*` pattern (lower-case). */
export class PricingOverridesRepo {
  readonly #list;
  readonly #upsert;
  readonly #delete;

  constructor(
    database: Database,
    private readonly now: () => number = Date.now,
  ) {
    this.#list = database.prepare<[], PricingOverrideRow>('SELECT model, input, output, cached_input, cache_write FROM pricing_overrides ORDER BY model');
    this.#upsert = database.prepare<[string, number, number, number | null, number | null, number]>(
      `INSERT INTO pricing_overrides (model, input, output, cached_input, cache_write, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (model) DO UPDATE SET input = excluded.input, output = excluded.output, cached_input = excluded.cached_input,
         cache_write = excluded.cache_write, updated_at = excluded.updated_at`,
    );
    this.#delete = database.prepare<[string]>('DELETE FROM pricing_overrides WHERE model = ?');
  }

  list(): Map<string, ModelPrice> {
    return new Map(
      this.#list.all().map((row) => [row.model, { input: row.input, output: row.output, cachedInput: row.cached_input, cacheWrite: row.cache_write }]),
    );
  }

  put(model: string, price: ModelPrice): void {
    this.#upsert.run(model, price.input, price.output, price.cachedInput, price.cacheWrite, this.now());
  }

  /** False when there was no override for `model`. */
  delete(model: string): boolean {
    return this.#delete.run(model).changes > 0;
  }
}
