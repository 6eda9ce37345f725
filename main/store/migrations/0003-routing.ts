import type { Migration } from './migration.js';

/**
 * Routing configuration: combos (named groups of targets usable as a model), model aliases (plain
 * renames and `prefix/*` wildcard routes) and routing policies. `targets`, `match` and `action`
 * are JSON documents in the shapes of shared/routing.ts. Names are unique because clients use
 * them as models.
 */
export default {
  version: 3,
  name: 'routing',
  sql: `
    CREATE TABLE combos (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      strategy TEXT NOT NULL,
      targets TEXT NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE model_aliases (
      alias TEXT PRIMARY KEY,
      model TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );

    CREATE TABLE routing_policies (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1,
      priority INTEGER NOT NULL DEFAULT 0,
      match TEXT NOT NULL DEFAULT '{}',
      action TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
  `,
} satisfies Migration;
