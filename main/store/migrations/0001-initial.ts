import type { Migration } from './migration.js';

/**
 * Providers, their accounts, client API keys and settings. Secrets are never stored here:
 * `secret_ref` names an entry in the SecretStore, and API keys are kept only as sha256 hashes.
 * Timestamps are milliseconds since the epoch; JSON columns hold arrays or settings values.
 */
export default {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE providers (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      family TEXT NOT NULL,
      base_url TEXT NOT NULL,
      models TEXT NOT NULL DEFAULT '[]',
      discovered_models TEXT NOT NULL DEFAULT '[]',
      enabled INTEGER NOT NULL DEFAULT 1,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE provider_accounts (
      id TEXT PRIMARY KEY,
      provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
      label TEXT NOT NULL,
      secret_ref TEXT,
      priority INTEGER NOT NULL DEFAULT 0,
      enabled INTEGER NOT NULL DEFAULT 1,
      created_at INTEGER NOT NULL
    );
    -- Serves the per-provider listing in attempt order and the ON DELETE CASCADE lookup.
    CREATE INDEX provider_accounts_by_provider
      ON provider_accounts (provider_id, priority, created_at);

    CREATE TABLE api_keys (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      key_hash TEXT NOT NULL UNIQUE,
      key_preview TEXT NOT NULL,
      models TEXT,
      created_at INTEGER NOT NULL,
      last_used_at INTEGER,
      revoked_at INTEGER
    );

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
  `,
} satisfies Migration;
