import type { Migration } from './migration.js';

/**
 * Usage accounting: one row per request (`usage_records`, pruned by the retention job), hourly and
 * daily roll-ups that outlive the detail (charts and budgets read them), user prices, budgets and
 * the optional captured bodies (`request_logs`, pruned with the detail).
 *
 * `usage_records.id` is the rowid, without AUTOINCREMENT: pages are ordered by (started_at, id),
 * where the id only breaks ties within a millisecond, so a reused id after retention is harmless.
 *
 * Roll-up keys use '' for "none" rather than NULL: a primary key treats NULLs as distinct, which
 * would break the upsert that adds a batch to its bucket.
 */
/** Hourly and daily roll-ups share one shape: sums per (bucket start, provider, model, key). */
function rollupTable(name: string): string {
  return `CREATE TABLE ${name} (
      bucket INTEGER NOT NULL,
      provider TEXT NOT NULL,
      model TEXT NOT NULL,
      api_key_id TEXT NOT NULL,
      requests INTEGER NOT NULL,
      errors INTEGER NOT NULL,
      input_tokens INTEGER NOT NULL,
      output_tokens INTEGER NOT NULL,
      cached_input_tokens INTEGER NOT NULL,
      cache_write_input_tokens INTEGER NOT NULL,
      reasoning_tokens INTEGER NOT NULL,
      cost REAL NOT NULL,
      latency_ms_sum INTEGER NOT NULL,
      PRIMARY KEY (bucket, provider, model, api_key_id)
    ) WITHOUT ROWID;`;
}

export default {
  version: 4,
  name: 'usage',
  sql: `
    CREATE TABLE usage_records (
      id INTEGER PRIMARY KEY,
      request_id TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      client_format TEXT NOT NULL,
      api_key_id TEXT,
      provider TEXT,
      account_id TEXT,
      requested_model TEXT NOT NULL,
      model TEXT,
      status INTEGER NOT NULL,
      error_code TEXT,
      stream INTEGER NOT NULL,
      input_tokens INTEGER,
      output_tokens INTEGER,
      cached_input_tokens INTEGER,
      cache_write_input_tokens INTEGER,
      reasoning_tokens INTEGER,
      latency_ms INTEGER NOT NULL,
      ttft_ms INTEGER,
      cache_hit INTEGER NOT NULL,
      fallback INTEGER NOT NULL,
      attempts INTEGER NOT NULL,
      cost REAL,
      notes TEXT
    );
    CREATE INDEX usage_records_by_started_at ON usage_records (started_at, id);
    CREATE INDEX usage_records_by_request_id ON usage_records (request_id);
    CREATE INDEX usage_records_by_account ON usage_records (account_id, started_at);
    CREATE INDEX usage_records_by_provider ON usage_records (provider, started_at);
    CREATE INDEX usage_records_by_api_key ON usage_records (api_key_id, started_at);

    ${rollupTable('usage_hourly')}
    ${rollupTable('usage_daily')}
    CREATE INDEX usage_daily_by_api_key ON usage_daily (api_key_id, bucket);

    CREATE TABLE pricing_overrides (
      model TEXT PRIMARY KEY,
      input REAL NOT NULL,
      output REAL NOT NULL,
      cached_input REAL,
      cache_write REAL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE budgets (
      id TEXT PRIMARY KEY,
      api_key_id TEXT,
      period TEXT NOT NULL,
      limit_usd REAL NOT NULL,
      warn_at REAL NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX budgets_by_scope ON budgets (COALESCE(api_key_id, ''), period);

    CREATE TABLE request_logs (
      request_id TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      request_headers TEXT NOT NULL,
      request_body TEXT NOT NULL,
      response_body TEXT NOT NULL,
      request_bytes INTEGER NOT NULL,
      response_bytes INTEGER NOT NULL,
      truncated INTEGER NOT NULL
    );
    CREATE INDEX request_logs_by_created_at ON request_logs (created_at);
  `,
} satisfies Migration;
