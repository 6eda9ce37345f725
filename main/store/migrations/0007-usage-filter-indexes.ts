import type { Migration } from './migration.js';

/**
 * Drops the indexes on `usage_records` by account, provider and API key. Every request's usage row
 * paid for them (about 1.5-2 of 4 µs per row written, and a third of the database's size and of
 * its write-ahead log), on the thread that routes requests, while the Usage page's filters read
 * them now and then. Without them a filter scans the time range through
 * `usage_records_by_started_at`: measured on 300,000 rows (a month at 10,000 requests a day), a
 * filtered count over 30 days 35 ms, a page of the filtered request log 10 ms at most, 1 day under
 * 2 ms; the per-model totals of an account read the rows either way (45 ms with or without).
 */
export default {
  version: 7,
  name: 'usage-filter-indexes',
  sql: `
    DROP INDEX IF EXISTS usage_records_by_account;
    DROP INDEX IF EXISTS usage_records_by_provider;
    DROP INDEX IF EXISTS usage_records_by_api_key;
  `,
} satisfies Migration;
