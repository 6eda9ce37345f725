/**
 * Where secrets live: provider API keys, OAuth tokens, the management token.
 * SQLite only ever holds the *name* of a secret, never its value.
 */
export interface SecretStore {
  /** Which backend this is, for diagnostics (`omniroute doctor`, the UI). */
  readonly kind: 'keychain' | 'encrypted-file' | 'memory';
  /**
   * Resolves undefined when there is no such secret. Rejects when the backend itself fails (locked,
   * unreachable, undecryptable), so a broken store is never mistaken for a missing secret.
   */
  get(name: string): Promise<string | undefined>;
  /** Creates or replaces. Errors name the secret, never carry its value: they end up in logs. */
  set(name: string, value: string): Promise<void>;
  /** Resolves true when a secret was deleted, false when there was none. */
  delete(name: string): Promise<boolean>;
}
