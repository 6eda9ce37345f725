interface IndexedQuery {
  vector: Float32Array;
  /** The exact cache key of the answer this query got. */
  answerKey: string;
}

/** The nearest indexed query, when close enough. */
export interface SemanticMatch {
  answerKey: string;
  similarity: number;
}

/**
 * Embeddings of cached requests' last user messages, grouped by everything else in the request
 * (the scope), in memory. Answers live in the exact cache; an entry whose answer expired or was
 * evicted is dropped when found. Bounded: the oldest entries go first beyond `maxEntries`.
 */
export class SemanticIndex {
  readonly #scopes = new Map<string, IndexedQuery[]>();
  #size = 0;

  constructor(private readonly maxEntries: () => number) {}

  get size(): number {
    return this.#size;
  }

  add(scope: string, vector: Float32Array, answerKey: string): void {
    const entries = this.#scopes.get(scope) ?? [];
    entries.push({ vector: normalised(vector), answerKey });
    // Re-inserted so the Map's first scope is the one written longest ago.
    this.#scopes.delete(scope);
    this.#scopes.set(scope, entries);
    this.#size += 1;
    while (this.#size > this.maxEntries()) {
      const [oldest, list] = this.#scopes.entries().next().value as [string, IndexedQuery[]];
      list.shift();
      this.#size -= 1;
      if (list.length === 0) this.#scopes.delete(oldest);
    }
  }

  /** The most similar query in `scope` at or above `threshold` (cosine similarity). */
  nearest(scope: string, vector: Float32Array, threshold: number): SemanticMatch | undefined {
    const entries = this.#scopes.get(scope);
    if (!entries) return undefined;
    const query = normalised(vector);
    let best: SemanticMatch | undefined;
    for (const entry of entries) {
      const similarity = dot(query, entry.vector);
      if (similarity >= threshold && (!best || similarity > best.similarity)) best = { answerKey: entry.answerKey, similarity };
    }
    return best;
  }

  /** Drops the entries of an answer that is gone from the exact cache. */
  forget(scope: string, answerKey: string): void {
    const entries = this.#scopes.get(scope);
    if (!entries) return;
    const kept = entries.filter((entry) => entry.answerKey !== answerKey);
    this.#size -= entries.length - kept.length;
    if (kept.length === 0) this.#scopes.delete(scope);
    else this.#scopes.set(scope, kept);
  }

  clear(): void {
    this.#scopes.clear();
    this.#size = 0;
  }
}

function normalised(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const length = Math.sqrt(sum) || 1;
  return vector.map((value) => value / length);
}

function dot(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += (a[index] as number) * (b[index] as number);
  return sum;
}
