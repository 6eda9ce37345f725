import { answerSize, type StoredAnswer } from './stored-answer.js';

interface MemoryEntry {
  answer: StoredAnswer;
  size: number;
  expiresAt: number;
}

export interface MemoryTierLimits {
  maxEntries: number;
  maxBytes: number;
}

/**
 * The memory tier: least recently used answers go first once either bound is passed. A Map keeps
 * insertion order, so re-inserting on every hit makes its first key the least recently used.
 */
export class MemoryTier {
  readonly #entries = new Map<string, MemoryEntry>();
  #bytes = 0;

  constructor(private limits: MemoryTierLimits) {}

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get maxEntries(): number {
    return this.limits.maxEntries;
  }

  get(key: string, now: number): StoredAnswer | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= now) {
      this.#bytes -= entry.size;
      return undefined;
    }
    this.#entries.set(key, entry);
    return entry.answer;
  }

  /** False when the answer alone is larger than the byte bound (it is then not kept). */
  set(key: string, answer: StoredAnswer, expiresAt: number): boolean {
    this.delete(key);
    const size = answerSize(answer);
    if (size > this.limits.maxBytes) return false;
    this.#entries.set(key, { answer, size, expiresAt });
    this.#bytes += size;
    this.#evict();
    return true;
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.size;
  }

  /** New bounds apply at once (settings changed). */
  resize(limits: MemoryTierLimits): void {
    this.limits = limits;
    this.#evict();
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #evict(): void {
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size <= this.limits.maxEntries && this.#bytes <= this.limits.maxBytes) return;
      this.#entries.delete(key);
      this.#bytes -= entry.size;
    }
  }
}
