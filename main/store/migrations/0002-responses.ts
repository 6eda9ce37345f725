import type { Migration } from './migration.js';

/**
 * Responses created through the Responses API with `store` (the default there), so a later
 * request can continue one with `previous_response_id`. `messages` is the conversation up to and
 * including the answer, as JSON. Conversation text, never credentials.
 */
export default {
  version: 2,
  name: 'responses',
  sql: `
    CREATE TABLE responses (
      id TEXT PRIMARY KEY,
      model TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      messages TEXT NOT NULL
    );
    CREATE INDEX responses_by_created_at ON responses (created_at);
  `,
} satisfies Migration;
