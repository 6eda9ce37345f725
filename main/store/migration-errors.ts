import type { Migration } from './migrations/migration.js';

/**
 * The database was migrated by a build that knows more versions than this one. Opening it anyway
 * could corrupt data the newer schema depends on, so we refuse and say how to get out.
 */
export class DatabaseTooNewError extends Error {
  override readonly name = 'DatabaseTooNewError';

  constructor(
    readonly databasePath: string,
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `The database ${databasePath} is at schema version ${databaseVersion}, but this build knows ` +
        `versions up to ${knownVersion}: it was created by a newer OmniRoute; upgrade or use another --data-dir.`,
    );
  }
}

/** A migration failed; its transaction was rolled back, so the schema is still at the prior version. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  readonly version: number;
  readonly migrationName: string;

  constructor(migration: Migration, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `Migration ${migration.version} (${migration.name}) failed and was rolled back: ${reason}`,
      { cause },
    );
    this.version = migration.version;
    this.migrationName = migration.name;
  }
}
