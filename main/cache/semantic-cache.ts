import type { ClientFormatId } from '../formats/client-format.js';
import type { RoutingEngine } from '../gateway/routing/routing-engine.js';
import type { SettingsService } from '../gateway/settings-service.js';
import type { Logger } from '../util/logger.js';
import { embedText } from './embed-text.js';
import { semanticQuery } from './last-user-text.js';
import { requestFingerprint, type FingerprintInput } from './request-fingerprint.js';
import type { ResponseCache } from './response-cache.js';
import { SemanticIndex } from './semantic-index.js';
import type { StoredAnswer } from './stored-answer.js';

/** One cacheable request's semantic lookup: a hit, or a way to index the answer it will get. */
export interface SemanticLookup {
  hit?: { answer: StoredAnswer; similarity: number };
  /** The request's answer was cached under `answerKey`: index this request's query for it. */
  remember(answerKey: string): void;
}

/**
 * The optional semantic cache (setting `semanticCache`): a cacheable request that misses the exact
 * cache gets the cached answer of a request identical but for its last user message, when the two
 * messages' embeddings are at least `threshold` similar (cosine). The index is in memory; the
 * answers are the exact cache's, so its TTL and bounds apply.
 */
export class SemanticCache {
  readonly #index: SemanticIndex;
  #hits = 0;

  constructor(
    private readonly options: { engine: RoutingEngine; settings: SettingsService; cache: ResponseCache; logger: Logger },
  ) {
    this.#index = new SemanticIndex(() => options.settings.current.responseCache.maxEntries);
  }

  get enabled(): boolean {
    const setting = this.options.settings.current.semanticCache;
    return setting.enabled && setting.embeddingModel !== '';
  }

  async lookup(format: ClientFormatId, request: FingerprintInput & { body: Record<string, unknown> }): Promise<SemanticLookup | undefined> {
    const setting = this.options.settings.current.semanticCache;
    if (!this.enabled) return undefined;
    const query = semanticQuery(format, request.body);
    if (!query) return undefined;
    let vector: Float32Array;
    try {
      vector = await embedText(this.options.engine, setting.embeddingModel, query.text);
    } catch (error) {
      // The semantic cache is an optimisation: without an embedding the request simply runs.
      this.options.logger.warn('semantic cache: embedding failed', { model: setting.embeddingModel, reason: (error as Error).message });
      return undefined;
    }
    const scope = requestFingerprint({ ...request, body: query.rest });
    const remember = (answerKey: string): void => this.#index.add(scope, vector, answerKey);
    const match = this.#index.nearest(scope, vector, setting.threshold);
    if (!match) return { remember };
    const answer = this.options.cache.get(match.answerKey);
    if (!answer) {
      this.#index.forget(scope, match.answerKey);
      return { remember };
    }
    this.#hits += 1;
    return { hit: { answer, similarity: match.similarity }, remember };
  }

  stats(): { enabled: boolean; entries: number; hits: number } {
    return { enabled: this.enabled, entries: this.#index.size, hits: this.#hits };
  }

  clear(): void {
    this.#index.clear();
    this.#hits = 0;
  }
}
