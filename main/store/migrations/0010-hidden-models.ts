import type { Migration } from './migration.js';

/**
 * Models a provider keeps out of the model lists clients read (`/v1/models` and the like), say
 * the hundreds an aggregator lists that nobody picks; they can still be asked for by name.
 */
export default {
  version: 10,
  name: 'hidden-models',
  sql: `ALTER TABLE providers ADD COLUMN hidden_models TEXT NOT NULL DEFAULT '[]';`,
} satisfies Migration;
