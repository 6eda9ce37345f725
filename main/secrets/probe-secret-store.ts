import { randomUUID } from 'node:crypto';
import type { SecretStore } from './secret-store.js';

/** Whether a store can keep a secret, with the reason when it cannot. */
export type SecretStoreProbe = { ok: true } | { ok: false; reason: string };

/**
 * Writes, reads back and deletes a throwaway secret. A read alone proves too little: with
 * gnome-keyring running but no default keyring (a fresh headless session), reads of missing names
 * succeed while every write fails. The name is unique so that two processes starting at once
 * (the tray app and the CLI) cannot read each other's probe.
 */
export async function probeSecretStore(store: SecretStore): Promise<SecretStoreProbe> {
  const name = `omniroute-probe-${randomUUID()}`;
  const value = randomUUID();
  try {
    await store.set(name, value);
    const readBack = await store.get(name);
    await store.delete(name);
    if (readBack !== value) return { ok: false, reason: 'a secret written to it could not be read back' };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
