import type { Database } from './database.js';
import { DatabaseTooNewError, MigrationError } from './migration-errors.js';
import type { Migration } from './migrations/migration.js';

/**
 * Brings the schema up to the last of `migrations` and returns the versions it applied.
 * Each migration runs in its own IMMEDIATE transaction that first re-checks whether it is applied,
 * so the tray app and the CLI opening the same data directory at once cannot apply one twice.
 */
export function applyMigrations(database: Database, migrations: readonly Migration[]): number[] {
  assertStrictlyIncreasing(migrations);
  database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);

  const isApplied = database.prepare<[number], number>('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const currentVersion = database
    .prepare<[], number | null>('SELECT MAX(version) FROM schema_migrations')
    .pluck()
    .get() ?? 0;
  const knownVersion = migrations.at(-1)?.version ?? 0;
  if (currentVersion > knownVersion) {
    throw new DatabaseTooNewError(database.name, currentVersion, knownVersion);
  }

  const record = database.prepare<[number, string, number]>(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const applyOne = database.transaction((migration: Migration): boolean => {
    if (isApplied.get(migration.version) !== undefined) return false;
    database.exec(migration.sql);
    record.run(migration.version, migration.name, Date.now());
    return true;
  });

  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= currentVersion) continue;
    try {
      if (applyOne.immediate(migration)) applied.push(migration.version);
    } catch (error) {
      throw new MigrationError(migration, error);
    }
  }
  return applied;
}

/** A misordered list is a programming error; catching it here keeps versions meaningful. */
function assertStrictlyIncreasing(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (!Number.isInteger(migration.version) || migration.version < 1) {
      throw new Error(`Migration "${migration.name}" has an invalid version ${migration.version}`);
    }
    if (previous !== undefined && migration.version <= previous.version) {
      throw new Error(`Migration ${migration.version} (${migration.name}) is listed after ${previous.version}`);
    }
  });
}
