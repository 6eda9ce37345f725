/**
 * A map that forgets its oldest entries beyond a number of entries or a total size (as
 * `sizeOf` measures values), for what the router remembers between requests in memory only.
 */
export class BoundedMemory<Value> {
  readonly #entries = new Map<string, Value>();
  #size = 0;

  constructor(
    private readonly limits: { maxEntries: number; maxSize: number },
    private readonly sizeOf: (value: Value) => number,
  ) {}

  set(key: string, value: Value): void {
    this.delete(key);
    this.#entries.set(key, value);
    this.#size += this.sizeOf(value);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.limits.maxEntries && this.#size <= this.limits.maxSize) break;
      this.delete(oldest);
    }
  }

  get(key: string): Value | undefined {
    return this.#entries.get(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  delete(key: string): void {
    const previous = this.#entries.get(key);
    if (previous === undefined) return;
    this.#entries.delete(key);
    this.#size -= this.sizeOf(previous);
  }
}
