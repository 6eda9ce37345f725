/**
 * One schema step. SQL lives in TypeScript modules so the build needs no asset copying.
 * The runner wraps `sql` in a transaction, so it must not contain BEGIN/COMMIT, nor PRAGMAs that
 * SQLite ignores inside a transaction (`foreign_keys`, `journal_mode`).
 */
export interface Migration {
  /** Strictly increasing across the list; recorded in `schema_migrations` once applied. */
  readonly version: number;
  /** Short kebab-case description, shown in errors. */
  readonly name: string;
  readonly sql: string;
}
