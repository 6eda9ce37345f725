import type { Migration } from './migration.js';

/**
 * Videos made through `/v1/videos`: which provider account made each (the upstream's own id is
 * what the client holds, and every later call about it must reach that account), who may see it,
 * and the video object as last seen, for the list. Prompts and statuses, never credentials.
 */
export default {
  version: 8,
  name: 'videos',
  sql: `
    CREATE TABLE videos (
      id TEXT PRIMARY KEY,
      provider TEXT NOT NULL,
      account_id TEXT NOT NULL,
      model TEXT NOT NULL,
      owner TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      video TEXT NOT NULL
    );
    CREATE INDEX videos_by_owner ON videos (owner, created_at);
  `,
} satisfies Migration;
