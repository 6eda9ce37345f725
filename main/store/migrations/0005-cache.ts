import type { Migration } from './migration.js';

/**
 * The response cache's disk tier: whole chat answers (JSON or the stream's bytes as the client
 * received them) by request fingerprint, so cached answers survive a restart. Answer text, never
 * credentials: the fingerprint is a hash, and the API key appears only as its id inside it.
 */
export default {
  version: 5,
  name: 'cache',
  sql: `
    CREATE TABLE response_cache (
      key TEXT PRIMARY KEY,
      status INTEGER NOT NULL,
      headers TEXT NOT NULL,
      body BLOB NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX response_cache_by_expires_at ON response_cache (expires_at);
    CREATE INDEX response_cache_by_created_at ON response_cache (created_at);
  `,
} satisfies Migration;
