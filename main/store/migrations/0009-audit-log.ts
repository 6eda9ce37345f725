import type { Migration } from './migration.js';

/**
 * The management audit trail: every change asked of the management API (and every refused
 * attempt at it), who asked (the management token, the dashboard session, or nobody signed in),
 * from where, and what came of it. Method, path and status only: never a body, so never a key.
 */
export default {
  version: 9,
  name: 'audit-log',
  sql: `
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      method TEXT NOT NULL,
      path TEXT NOT NULL,
      status INTEGER NOT NULL,
      address TEXT NOT NULL,
      origin TEXT
    );
  `,
} satisfies Migration;
