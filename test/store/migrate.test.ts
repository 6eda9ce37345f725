import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Database } from '../../main/store/database.js';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DATABASE_FILE_NAME, openDatabase } from '../../main/store/db.js';
import { applyMigrations } from '../../main/store/migrate.js';
import { DatabaseTooNewError, MigrationError } from '../../main/store/migration-errors.js';
import { migrations } from '../../main/store/migrations/index.js';
import { createTempDir, removeTempDir } from './fixtures.js';

interface AppliedRow {
  version: number;
  name: string;
  applied_at: number;
}

function appliedRows(database: Database): AppliedRow[] {
  return database.prepare<[], AppliedRow>('SELECT * FROM schema_migrations ORDER BY version').all();
}

function tableNames(database: Database): string[] {
  return database
    .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all();
}

function usageRecordIndexes(database: Database): string[] {
  return database
    .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'usage_records' AND sql IS NOT NULL ORDER BY name")
    .pluck()
    .all();
}

describe('migrations', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = createTempDir();
  });
  afterEach(() => removeTempDir(dataDir));

  it('are listed with strictly increasing versions starting at 1', () => {
    assert.equal(migrations[0]?.version, 1);
    migrations.forEach((migration, index) => assert.equal(migration.version, index + 1));
  });

  it('apply every migration on a new database', () => {
    const database = openDatabase({ dataDir });
    const rows = appliedRows(database);
    assert.deepEqual(
      rows.map(({ version, name }) => ({ version, name })),
      migrations.map(({ version, name }) => ({ version, name })),
    );
    assert.ok(rows.every((row) => Number.isInteger(row.applied_at) && row.applied_at > 0));
    assert.deepEqual(tableNames(database), [
      'api_keys',
      'audit_log',
      'budgets',
      'combos',
      'model_aliases',
      'pricing_overrides',
      'provider_accounts',
      'providers',
      'request_logs',
      'response_cache',
      'responses',
      'routing_policies',
      'schema_migrations',
      'settings',
      'usage_daily',
      'usage_hourly',
      'usage_records',
      'videos',
    ]);
    database.close();
  });

  it('apply nothing when the database is already current', () => {
    const first = openDatabase({ dataDir });
    const before = appliedRows(first);
    first.close();
    const second = openDatabase({ dataDir });
    assert.deepEqual(appliedRows(second), before);
    assert.deepEqual(applyMigrations(second, migrations), []);
    second.close();
  });

  it('apply only the pending ones and report them', () => {
    const database = openDatabase({ dataDir });
    const next = { version: migrations.length + 1, name: 'add-notes', sql: 'CREATE TABLE notes (text TEXT)' };
    assert.deepEqual(applyMigrations(database, [...migrations, next]), [next.version]);
    assert.ok(tableNames(database).includes('notes'));
    database.close();
  });

  it('refuse a database created by a newer build', () => {
    const database = openDatabase({ dataDir });
    database.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(999, 'future', 1);
    database.close();
    assert.throws(
      () => openDatabase({ dataDir }),
      (error: unknown) => {
        assert.ok(error instanceof DatabaseTooNewError);
        assert.equal(error.databaseVersion, 999);
        assert.equal(error.knownVersion, migrations.length);
        assert.match(error.message, /created by a newer OmniRoute; upgrade or use another --data-dir/);
        return true;
      },
    );
  });

  it('roll back a failing migration and name it, keeping the ones before it', () => {
    const database = openDatabase({ dataDir });
    const good = { version: migrations.length + 1, name: 'add-notes', sql: 'CREATE TABLE notes (text TEXT)' };
    const broken = {
      version: migrations.length + 2,
      name: 'broken-step',
      sql: 'CREATE TABLE half_done (x); INSERT INTO no_such_table VALUES (1);',
    };
    assert.throws(
      () => applyMigrations(database, [...migrations, good, broken]),
      (error: unknown) => {
        assert.ok(error instanceof MigrationError);
        assert.equal(error.version, broken.version);
        assert.match(error.message, new RegExp(`Migration ${broken.version} \\(broken-step\\) failed and was rolled back: .*no_such_table`));
        return true;
      },
    );
    assert.ok(tableNames(database).includes('notes'));
    assert.ok(!tableNames(database).includes('half_done'));
    assert.equal(appliedRows(database).at(-1)?.version, good.version);
    database.close();
  });

  it('leave usage_records only its index by start time, keeping the rows of an older database', () => {
    // A database as version 6 left it: the four indexes of migration 4 minus request_id's.
    const older = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME)) as unknown as Database;
    applyMigrations(older, migrations.slice(0, 6));
    assert.deepEqual(usageRecordIndexes(older), ['usage_records_by_account', 'usage_records_by_api_key', 'usage_records_by_provider', 'usage_records_by_started_at']);
    older
      .prepare(
        `INSERT INTO usage_records (request_id, started_at, client_format, api_key_id, provider, account_id, requested_model, model, status, stream, latency_ms, cache_hit, fallback, attempts)
         VALUES ('req_1', 1, 'openai-chat', 'key_1', 'sim', 'acc_1', 'm', 'sim/m', 200, 0, 5, 0, 0, 1)`,
      )
      .run();
    older.close();
    const current = openDatabase({ dataDir });
    assert.deepEqual(usageRecordIndexes(current), ['usage_records_by_started_at']);
    assert.equal(current.prepare<[], number>("SELECT COUNT(*) FROM usage_records WHERE provider = 'sim' AND account_id = 'acc_1' AND api_key_id = 'key_1'").pluck().get(), 1);
    current.close();
  });

  it('reject a list that is out of order', () => {
    const database = openDatabase({ dataDir });
    const reordered = [...migrations, { version: 1, name: 'again', sql: '' }];
    assert.throws(() => applyMigrations(database, reordered), /is listed after/);
    database.close();
  });
});
