import type * as Keyring from '@napi-rs/keyring';
import type { SecretStore } from './secret-store.js';

/** The keychain "service" every secret of the app is filed under; the secret name is the account. */
export const DEFAULT_KEYCHAIN_SERVICE = 'OmniRoute Desktop';

export interface KeychainSecretStoreOptions {
  /** Keychain service name; tests pass a unique one so they never touch the user's real secrets. */
  service?: string;
}

/**
 * On Linux the binding silently falls back to the kernel keyutils store when no Secret Service
 * answers, and keyutils keeps secrets in kernel memory only: they would vanish at the next reboot.
 * Pinning makes a missing Secret Service an error instead. Other platforms ignore the option.
 */
const pinnedToDurableStore = { linux: { store: 'secret-service' } } as const;

/**
 * Secrets in the OS keychain: macOS Keychain, Windows Credential Manager, or a Secret Service
 * (gnome-keyring, KWallet, KeePassXC) on Linux.
 */
export class KeychainSecretStore implements SecretStore {
  readonly kind = 'keychain';
  readonly service: string;

  constructor(options: KeychainSecretStoreOptions = {}) {
    this.service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
  }

  async get(name: string): Promise<string | undefined> {
    const password = await this.#run('read', name, (entry) => entry.getPassword());
    return password ?? undefined;
  }

  async set(name: string, value: string): Promise<void> {
    await this.#run('write', name, (entry) => entry.setPassword(value), value);
  }

  async delete(name: string): Promise<boolean> {
    return this.#run('delete', name, (entry) => entry.deleteCredential());
  }

  /**
   * Runs one keychain call and turns any failure into an Error that names the secret but never
   * carries its value: the native error is reduced to its message, minus the value if it echoes it.
   */
  async #run<T>(
    operation: string,
    name: string,
    call: (entry: Keyring.AsyncEntry) => Promise<T>,
    value?: string,
  ): Promise<T> {
    try {
      // Created per call (it is cheap) because the constructor itself throws when the store is
      // unreachable, and that must surface as this operation's failure.
      const { AsyncEntry: Entry } = await loadKeyring();
      return await call(new Entry(this.service, name, pinnedToDurableStore));
    } catch (error) {
      const reason = withoutValue(error instanceof Error ? error.message : String(error), value);
      throw new Error(`keychain ${operation} of secret "${name}" (service "${this.service}") failed: ${reason}`);
    }
  }
}

let keyring: Promise<typeof Keyring> | undefined;

/** The native binding, loaded on first use: a router keeping its secrets in the file store never maps it. */
function loadKeyring(): Promise<typeof Keyring> {
  keyring ??= import('@napi-rs/keyring');
  return keyring;
}

function withoutValue(message: string, value: string | undefined): string {
  if (value === undefined || value === '') return message;
  return message.split(value).join('[redacted]');
}
