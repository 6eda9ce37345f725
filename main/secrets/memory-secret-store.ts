import type { SecretStore } from './secret-store.js';

/**
 * Keeps secrets in a Map for the life of the process. For unit tests of code that needs a
 * SecretStore; never used by the app, because secrets here are lost at exit.
 */
export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory';
  readonly #secrets: Map<string, string>;

  /** `initial` seeds the store, so a test can start from known secrets without awaiting sets. */
  constructor(initial: Readonly<Record<string, string>> = {}) {
    this.#secrets = new Map(Object.entries(initial));
  }

  async get(name: string): Promise<string | undefined> {
    return this.#secrets.get(name);
  }

  async set(name: string, value: string): Promise<void> {
    this.#secrets.set(name, value);
  }

  async delete(name: string): Promise<boolean> {
    return this.#secrets.delete(name);
  }
}
