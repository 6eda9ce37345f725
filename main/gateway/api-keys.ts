import { createHash, randomBytes } from 'node:crypto';

const keyPrefix = 'sk-omni-';

/** A new client API key: 256 random bits, recognisable by its prefix in logs and configs. */
export function generateApiKey(): string {
  return keyPrefix + randomBytes(32).toString('base64url');
}

/** Keys are stored only as this hash, so a copied database cannot be used to call the router. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Enough of a key to recognise it in a list, never enough to use it. */
export function previewApiKey(key: string): string {
  return `${key.slice(0, keyPrefix.length + 4)}…${key.slice(-4)}`;
}
