import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { SecretStore } from './secret-store.js';
import {
  decryptSecrets,
  deriveSecretsKey,
  encryptSecrets,
  newSalt,
  parseSecretsFile,
  saltOf,
  type SecretsKey,
} from './secrets-file-crypto.js';
import { writePrivateFileAtomically } from './write-private-file-atomically.js';

export const SECRETS_FILE_NAME = 'secrets.enc';
/** Short passphrases are guessable offline by anyone who gets a copy of the file, scrypt or not. */
export const MINIMUM_SECRETS_KEY_LENGTH = 16;

export interface EncryptedFileSecretStoreOptions {
  /** The data directory; the store keeps one file, `secrets.enc`, in it. */
  dataDir: string;
  /** The value of OMNIROUTE_SECRETS_KEY. */
  passphrase: string;
}

/**
 * Throws unless `passphrase` is a usable OMNIROUTE_SECRETS_KEY. Without one there is no way to
 * keep secrets off the disk in plaintext, so the caller must refuse to start.
 */
export function assertUsableSecretsKey(passphrase: string | undefined): asserts passphrase is string {
  if (passphrase === undefined || passphrase === '') {
    throw new Error(
      'OMNIROUTE_SECRETS_KEY is not set: the encrypted file secret store needs a passphrase ' +
        `of at least ${MINIMUM_SECRETS_KEY_LENGTH} characters; refusing to store secrets in plaintext`,
    );
  }
  if (passphrase.length < MINIMUM_SECRETS_KEY_LENGTH) {
    throw new Error(
      `OMNIROUTE_SECRETS_KEY is too short (${passphrase.length} characters): ` +
        `use at least ${MINIMUM_SECRETS_KEY_LENGTH}`,
    );
  }
}

/** The decrypted file, held for the life of the store, and the key to write it back with. */
interface LoadedSecrets {
  secretsKey: SecretsKey;
  secrets: Map<string, string>;
}

/**
 * Secrets in one encrypted file, for headless servers without a Secret Service, opted into with
 * OMNIROUTE_SECRET_STORE=file. The key is derived once and the contents are decrypted once per
 * instance, because scrypt is deliberately slow. Changes made by another process after the first
 * read are therefore not seen, and one process's write replaces the other's.
 */
export class EncryptedFileSecretStore implements SecretStore {
  readonly kind = 'encrypted-file';
  readonly file: string;
  readonly #passphrase: string;
  #loaded: Promise<LoadedSecrets> | undefined;
  /** Tail of the operation queue; see #serialize. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: EncryptedFileSecretStoreOptions) {
    assertUsableSecretsKey(options.passphrase);
    this.#passphrase = options.passphrase;
    this.file = path.join(options.dataDir, SECRETS_FILE_NAME);
  }

  /**
   * Reads and decrypts the file now rather than on first use, so a wrong OMNIROUTE_SECRETS_KEY or a
   * damaged file stops the start. The file is read before this returns and the key derivation runs
   * in the thread pool, so the caller can open the database meanwhile.
   */
  open(): Promise<void> {
    return this.#load().then(() => undefined);
  }

  get(name: string): Promise<string | undefined> {
    return this.#serialize(async () => (await this.#load()).secrets.get(name));
  }

  set(name: string, value: string): Promise<void> {
    return this.#serialize(async () => {
      const loaded = await this.#load();
      await this.#save(loaded, new Map(loaded.secrets).set(name, value));
    });
  }

  delete(name: string): Promise<boolean> {
    return this.#serialize(async () => {
      const loaded = await this.#load();
      if (!loaded.secrets.has(name)) return false;
      const next = new Map(loaded.secrets);
      next.delete(name);
      await this.#save(loaded, next);
      return true;
    });
  }

  /**
   * Every write rewrites the whole file from the cached contents, so two interleaved writes would
   * each drop the other's change. Queueing every operation (reads too, so a read sees all writes
   * issued before it) makes them apply one at a time, in call order.
   */
  #serialize<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation, operation);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** The cache changes only after the file did, so a failed write leaves both as they were. */
  async #save(loaded: LoadedSecrets, next: Map<string, string>): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    await writePrivateFileAtomically(this.file, encryptSecrets(next, loaded.secretsKey));
    loaded.secrets = next;
  }

  #load(): Promise<LoadedSecrets> {
    // A failure is not cached: the next operation tries again (the file may have been fixed).
    this.#loaded ??= this.#read().catch((error: unknown) => {
      this.#loaded = undefined;
      throw error;
    });
    return this.#loaded;
  }

  async #read(): Promise<LoadedSecrets> {
    let text: string;
    try {
      // Read once per instance, at start (see open()); synchronously so that scrypt starts at once.
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return { secretsKey: await deriveSecretsKey(this.#passphrase, newSalt()), secrets: new Map() };
    }
    const envelope = parseSecretsFile(text);
    if (envelope === undefined) {
      throw new Error(`cannot read ${this.file}: not an OmniRoute secrets file, or a damaged one`);
    }
    const secretsKey = await deriveSecretsKey(this.#passphrase, saltOf(envelope));
    const secrets = decryptSecrets(envelope, secretsKey);
    if (secrets === undefined) {
      throw new Error(`cannot decrypt ${this.file}: wrong OMNIROUTE_SECRETS_KEY? (or the file was modified)`);
    }
    return { secretsKey, secrets };
  }
}
