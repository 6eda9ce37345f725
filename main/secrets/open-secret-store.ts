import {
  assertUsableSecretsKey,
  EncryptedFileSecretStore,
  MINIMUM_SECRETS_KEY_LENGTH,
} from './encrypted-file-secret-store.js';
import { KeychainSecretStore } from './keychain-secret-store.js';
import { probeSecretStore } from './probe-secret-store.js';
import type { SecretStore } from './secret-store.js';

export interface OpenSecretStoreOptions {
  /** The data directory, where the encrypted file store keeps its file. */
  dataDir: string;
  /** Reads OMNIROUTE_SECRET_STORE and OMNIROUTE_SECRETS_KEY; passed in so tests can vary it. */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The secret store the app runs with, chosen by OMNIROUTE_SECRET_STORE: `keychain` (the default)
 * or `file`. Either is checked before it is returned, so a misconfigured machine fails at start
 * with instructions rather than at the first request that needs a secret. There is no plaintext
 * fallback: when neither store can work, the app must not start.
 */
export async function openSecretStore(options: OpenSecretStoreOptions): Promise<SecretStore> {
  const choice = options.env.OMNIROUTE_SECRET_STORE || 'keychain';
  if (choice === 'keychain') return openKeychain();
  if (choice === 'file') return openEncryptedFile(options);
  throw new Error(`OMNIROUTE_SECRET_STORE=${choice} is not supported: use "keychain" (the default) or "file"`);
}

async function openKeychain(): Promise<SecretStore> {
  const store = new KeychainSecretStore();
  const probe = await probeSecretStore(store);
  if (!probe.ok) throw new Error(`the OS keychain is not usable (${probe.reason}).\n${keychainFix()}`);
  return store;
}

function keychainFix(): string {
  const optIn =
    'set OMNIROUTE_SECRET_STORE=file and OMNIROUTE_SECRETS_KEY=<a passphrase of at least ' +
    `${MINIMUM_SECRETS_KEY_LENGTH} characters> to keep secrets in an encrypted file in the data directory instead`;
  if (process.platform !== 'linux') return `Fix: unlock the keychain, or ${optIn}.`;
  return (
    'Fix: start a Secret Service in this session and unlock it: gnome-keyring (on a server without ' +
    'a desktop, run the app under dbus-run-session after `gnome-keyring-daemon --unlock ' +
    "--components=secrets`, which reads the keyring password from stdin) or KeePassXC with its " +
    `Secret Service integration enabled. Or ${optIn}.`
  );
}

async function openEncryptedFile({ dataDir, env }: OpenSecretStoreOptions): Promise<SecretStore> {
  const passphrase = env.OMNIROUTE_SECRETS_KEY;
  assertUsableSecretsKey(passphrase);
  const store = new EncryptedFileSecretStore({ dataDir, passphrase });
  // Decrypting the file now makes a wrong OMNIROUTE_SECRETS_KEY stop the start right here.
  await store.open();
  return store;
}
