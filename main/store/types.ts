/**
 * Domain records of the store: camelCase views of the snake_case rows. Timestamps are milliseconds
 * since the epoch. No record ever holds a secret; see `secretRef` and `keyHash`.
 */

/** An upstream the user configured. */
export interface ProviderRecord {
  /** `prv_` + random, from `newId('prv')`. */
  id: string;
  /** Unique; the model prefix clients use, as in `name/model`. */
  name: string;
  /** What the user asked for: an upstream family or a preset id such as `groq`. */
  kind: string;
  /** The upstream family `kind` resolves to; selects the adapter. */
  family: string;
  baseUrl: string;
  /** Models the user configured. */
  models: string[];
  /** The last model list fetched from the upstream; a cache, replaced wholesale on refresh. */
  discoveredModels: string[];
  /** Models (configured or discovered) left out of the model lists clients read; still routable by name. */
  hiddenModels: string[];
  enabled: boolean;
  createdAt: number;
  /** Bumped on every configuration change, not on model discovery. */
  updatedAt: number;
}

/** The fields of a provider a caller may change; `undefined` leaves a field as it is. */
export type ProviderPatch = Partial<Pick<ProviderRecord, 'name' | 'kind' | 'family' | 'baseUrl' | 'models' | 'hiddenModels' | 'enabled'>>;

/** One credential for a provider; a provider with several accounts can fall back between them. */
export interface ProviderAccountRecord {
  /** `acc_` + random. */
  id: string;
  providerId: string;
  label: string;
  /** Name of the secret in the SecretStore, or null for keyless upstreams. Never the secret itself. */
  secretRef: string | null;
  /** Lower values are tried first; ties go to the older account. */
  priority: number;
  enabled: boolean;
  createdAt: number;
}

/** The fields of an account a caller may change; `undefined` leaves a field as it is. */
export type ProviderAccountPatch = Partial<Pick<ProviderAccountRecord, 'label' | 'secretRef' | 'priority' | 'enabled'>>;

/** A key clients present to the router. The key itself is shown once at creation and never stored. */
export interface ApiKeyRecord {
  /** `key_` + random. */
  id: string;
  name: string;
  /** sha256 hex of the key; how an incoming key is looked up. */
  keyHash: string;
  /** A masked form of the key for display, e.g. its first and last few characters. */
  keyPreview: string;
  /** Model patterns this key may use; null allows every model. */
  models: string[] | null;
  createdAt: number;
  lastUsedAt: number | null;
  /** Set once when revoked; a revoked key is kept so the UI and usage history can still name it. */
  revokedAt: number | null;
}
