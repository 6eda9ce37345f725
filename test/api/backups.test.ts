/**
 * `/api/db-backups` through the real server hosted by AppHost (restore restarts it), on real
 * SQLite files in the data directory and the real keychain.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import type { AppHostState } from '../../main/app-host.js';
import { migrations } from '../../main/store/migrations/index.js';
import type { BackupDto, BackupsListDto, RestoreAcceptedDto } from '../../shared/backups-types.js';
import { createTestHost, type TestHost } from '../support/start-host.js';
import { startRouter } from '../support/start-router.js';

function nextRunning(test: TestHost): Promise<Extract<AppHostState, { status: 'running' }>> {
  return new Promise((resolve) => {
    const off = test.host.onChange((state) => {
      if (state.status !== 'running') return;
      off();
      resolve(state);
    });
  });
}

describe('/api/db-backups', () => {
  let test: TestHost | undefined;
  afterEach(() => test?.dispose());

  async function hosted(): Promise<{ call: (method: string, path: string, body?: unknown, type?: string) => Promise<Response>; url: string }> {
    test = createTestHost();
    const { url } = await test.host.start();
    const token = test.adminToken;
    const call = (method: string, path: string, body?: unknown, type = 'application/json'): Promise<Response> =>
      fetch(url + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': type }) },
        ...(body === undefined ? {} : { body: body instanceof Uint8Array ? body : JSON.stringify(body) }),
      });
    return { call, url };
  }

  const providerNames = async (call: (method: string, path: string) => Promise<Response>): Promise<string[]> =>
    ((await (await call('GET', '/api/providers')).json()) as { data: { name: string }[] }).data.map((provider) => provider.name).sort();

  it('backs up on demand: an owner-only, intact copy of the database, listed newest first', async () => {
    const { call } = await hosted();
    assert.equal((await call('POST', '/api/providers', { name: 'kept', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-kept-0123456789' })).status, 201);
    const empty = (await (await call('GET', '/api/db-backups')).json()) as BackupsListDto;
    assert.deepEqual(empty.backups, []);
    assert.equal(empty.restoreAvailable, true);
    assert.deepEqual(empty.schedule, { intervalHours: 24, keep: 7 });
    assert.deepEqual(empty.retention, { scheduled: 7, 'pre-restore': 5, import: 5 });
    assert.equal(empty.lastRestore, null);

    const first = (await (await call('PUT', '/api/db-backups')).json()) as BackupDto;
    const second = (await (await call('PUT', '/api/db-backups')).json()) as BackupDto;
    assert.equal(first.reason, 'manual');
    assert.match(first.id, /^omniroute-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-manual\.sqlite$/);
    const listed = (await (await call('GET', '/api/db-backups')).json()) as BackupsListDto;
    assert.deepEqual(listed.backups.map((backup) => backup.id), [second.id, first.id]);

    const file = join(test!.dataDir, 'backups', first.id);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(test!.dataDir, 'backups')).mode & 0o777, 0o700);
    assert.equal(statSync(file).size, first.sizeBytes);
    const copy = new BetterSqlite3(file, { readonly: true });
    try {
      assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
      assert.equal(copy.pragma('journal_mode', { simple: true }), 'delete', 'opens read-only without -wal/-shm companions');
      assert.deepEqual(copy.prepare('SELECT name FROM providers').pluck().all(), ['kept']);
    } finally {
      copy.close();
    }
    // The provider's key is in the keychain; the backup holds only its name.
    assert.ok(!readFileSync(file).includes('sk-kept-0123456789'));
    assert.deepEqual(readdirSync(join(test!.dataDir, 'backups')).sort(), [first.id, second.id].sort(), 'no temporary files left');
  });

  it('restores a backup: answers 202, restarts, and serves the backed-up data, keeping what it replaced as a pre-restore backup', async () => {
    const { call } = await hosted();
    await call('POST', '/api/providers', { name: 'before', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-before-0123456789' });
    const backup = (await (await call('PUT', '/api/db-backups')).json()) as BackupDto;
    await call('POST', '/api/providers', { name: 'after', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-after-0123456789' });
    assert.deepEqual(await providerNames(call), ['after', 'before']);

    const running = nextRunning(test!);
    const response = await call('POST', '/api/db-backups', { id: backup.id });
    assert.equal(response.status, 202);
    assert.deepEqual((await response.json()) as RestoreAcceptedDto, { ok: true, action: 'restore', id: backup.id });
    await running;

    assert.deepEqual(await providerNames(call), ['before']);
    const list = (await (await call('GET', '/api/db-backups')).json()) as BackupsListDto;
    assert.equal(list.lastRestore?.status, 'restored');
    assert.equal(list.lastRestore?.id, backup.id);
    const preRestore = list.backups.find((entry) => entry.reason === 'pre-restore');
    assert.ok(preRestore, 'the replaced data was backed up first');
    assert.equal(list.lastRestore?.preRestoreId, preRestore.id);
    const replaced = new BetterSqlite3(join(test!.dataDir, 'backups', preRestore.id), { readonly: true });
    try {
      assert.deepEqual(replaced.prepare('SELECT name FROM providers ORDER BY name').pluck().all(), ['after', 'before']);
    } finally {
      replaced.close();
    }
    assert.equal(statSync(join(test!.dataDir, 'omniroute.db')).mode & 0o777, 0o600);

    // Restoring the pre-restore backup undoes the restore.
    const again = nextRunning(test!);
    assert.equal((await call('POST', '/api/db-backups', { id: preRestore.id })).status, 202);
    await again;
    assert.deepEqual(await providerNames(call), ['after', 'before']);
  });

  it('a restored provider whose key was deleted since shows no key, until it is given one', async () => {
    const { call } = await hosted();
    const created = (await (await call('POST', '/api/providers', { name: 'gone', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-gone-0123456789' })).json()) as { id: string };
    const backup = (await (await call('PUT', '/api/db-backups')).json()) as BackupDto;
    // Deleting the provider takes its key out of the keychain; the backup still names it.
    assert.equal((await call('DELETE', `/api/providers/${created.id}`)).status, 204);
    const running = nextRunning(test!);
    assert.equal((await call('POST', '/api/db-backups', { id: backup.id })).status, 202);
    await running;
    type Listed = { data: { id: string; accounts: { hasApiKey: boolean }[] }[] };
    const restored = ((await (await call('GET', '/api/providers')).json()) as Listed).data;
    assert.deepEqual(restored.map((provider) => provider.accounts.map((account) => account.hasApiKey)), [[false]]);
    assert.equal((await call('PUT', `/api/providers/${created.id}`, { apiKey: 'sk-gone-again-0123456789' })).status, 200);
    const keyed = ((await (await call('GET', '/api/providers')).json()) as Listed).data;
    assert.deepEqual(keyed.map((provider) => provider.accounts.map((account) => account.hasApiKey)), [[true]]);
  });

  it('restores an older backup by migrating it, as any start does', async () => {
    const latestVersion = migrations.at(-1)?.version;
    const { call } = await hosted();
    await call('POST', '/api/providers', { name: 'old', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-old-0123456789' });
    const backup = (await (await call('PUT', '/api/db-backups')).json()) as BackupDto;
    // Turned into a backup made by the version before migration 7: its indexes back, what came
    // later gone, its records gone.
    const file = join(test!.dataDir, 'backups', backup.id);
    const writable = new BetterSqlite3(file);
    assert.equal(writable.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get(), latestVersion);
    writable.exec(`
      CREATE INDEX usage_records_by_account ON usage_records (account_id, started_at);
      DROP TABLE videos;
      DROP TABLE audit_log;
      ALTER TABLE providers DROP COLUMN hidden_models;
      DELETE FROM schema_migrations WHERE version >= 7;
    `);
    writable.close();
    const running = nextRunning(test!);
    assert.equal((await call('POST', '/api/db-backups', { id: backup.id })).status, 202);
    await running;
    const db = new BetterSqlite3(join(test!.dataDir, 'omniroute.db'), { readonly: true });
    try {
      assert.equal(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get(), latestVersion);
      assert.equal(db.prepare("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'usage_records_by_account'").pluck().get(), 0, 'migration 7 ran on the restored data');
      assert.equal(db.prepare("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'videos'").pluck().get(), 1, 'and migration 8');
      assert.equal(db.prepare("SELECT COUNT(*) FROM pragma_table_info('providers') WHERE name = 'hidden_models'").pluck().get(), 1, 'and migration 10');
    } finally {
      db.close();
    }
    assert.deepEqual(await providerNames(call), ['old']);
  });

  it('refuses what it cannot restore with a clear 4xx, and changes nothing', async () => {
    const { call } = await hosted();
    await call('POST', '/api/providers', { name: 'stays', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-stays-0123456789' });
    const unknown = await call('POST', '/api/db-backups', { id: 'omniroute-2020-01-01T00-00-00-000Z-manual.sqlite' });
    assert.equal(unknown.status, 404);
    const traversal = await call('POST', '/api/db-backups', { id: '../omniroute.db' });
    assert.equal(traversal.status, 404);
    assert.equal((await call('POST', '/api/db-backups', {})).status, 400);

    const notSqlite = await call('POST', '/api/db-backups/import', new TextEncoder().encode('this is not a database'), 'application/octet-stream');
    assert.equal(notSqlite.status, 400);
    assert.match(((await notSqlite.json()) as { error: { message: string } }).error.message, /not an SQLite database|cannot be opened/);

    const foreign = join(mkdtempSync(join(tmpdir(), 'omniroute-foreign-')), 'other.sqlite');
    const other = new BetterSqlite3(foreign);
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    const notOurs = await call('POST', '/api/db-backups/import', readFileSync(foreign), 'application/octet-stream');
    assert.equal(notOurs.status, 400);
    assert.match(((await notOurs.json()) as { error: { message: string } }).error.message, /not an OmniRoute database/);
    rmSync(foreign, { force: true });

    const asJson = await call('POST', '/api/db-backups/import', { not: 'a file' });
    assert.equal(asJson.status, 415);

    assert.equal(test!.host.state.status, 'running');
    assert.deepEqual(await providerNames(call), ['stays']);
    assert.deepEqual((((await (await call('GET', '/api/db-backups')).json()) as BackupsListDto).backups), [], 'refused uploads are not kept');
    assert.deepEqual(readdirSync(join(test!.dataDir, 'backups')), [], 'and leave no temporary files');
  });

  it('refuses a backup from a newer OmniRoute', async () => {
    const { call } = await hosted();
    const backup = (await (await call('PUT', '/api/db-backups')).json()) as BackupDto;
    const file = join(test!.dataDir, 'backups', backup.id);
    const writable = new BetterSqlite3(file);
    writable.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, ?, 0)').run('from the future');
    writable.close();
    const response = await call('POST', '/api/db-backups', { id: backup.id });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /newer OmniRoute.*9999/);
    assert.equal(test!.host.state.status, 'running');
  });

  it('exports the live database and everything as .tar.gz, and imports an export to restore it', async () => {
    const { call } = await hosted();
    await call('POST', '/api/providers', { name: 'exported', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-exported-0123456789' });

    const exported = await call('GET', '/api/db-backups/export');
    assert.equal(exported.status, 200);
    assert.equal(exported.headers.get('content-type'), 'application/vnd.sqlite3');
    assert.match(exported.headers.get('content-disposition') ?? '', /^attachment; filename="omniroute-.*\.sqlite"$/);
    const database = Buffer.from(await exported.arrayBuffer());
    assert.equal(database.subarray(0, 16).toString('latin1'), 'SQLite format 3\u0000');

    const all = await call('GET', '/api/db-backups/exportAll');
    assert.equal(all.status, 200);
    assert.equal(all.headers.get('content-type'), 'application/gzip');
    const folder = mkdtempSync(join(tmpdir(), 'omniroute-export-'));
    writeFileSync(join(folder, 'all.tar.gz'), Buffer.from(await all.arrayBuffer()));
    // The system's tar reads the archive: our ustar writer is checked against a real reader.
    assert.deepEqual(execFileSync('tar', ['-tzf', 'all.tar.gz'], { cwd: folder, encoding: 'utf8' }).trim().split('\n').sort(), ['manifest.json', 'omniroute.db']);
    execFileSync('tar', ['-xzf', 'all.tar.gz'], { cwd: folder });
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { secrets: string };
    assert.match(manifest.secrets, /keychain/);
    const unpacked = new BetterSqlite3(join(folder, 'omniroute.db'), { readonly: true });
    try {
      assert.deepEqual(unpacked.prepare('SELECT name FROM providers').pluck().all(), ['exported']);
    } finally {
      unpacked.close();
    }
    assert.ok(!gunzipSync(readFileSync(join(folder, 'all.tar.gz'))).includes('sk-exported-0123456789'), 'no secret in the archive');
    rmSync(folder, { recursive: true, force: true });

    await call('DELETE', `/api/providers/${((await (await call('GET', '/api/providers')).json()) as { data: { id: string }[] }).data[0]!.id}`);
    assert.deepEqual(await providerNames(call), []);
    const running = nextRunning(test!);
    const imported = await call('POST', '/api/db-backups/import', database, 'application/octet-stream');
    assert.equal(imported.status, 202);
    const { id } = (await imported.json()) as RestoreAcceptedDto;
    assert.match(id, /-import\.sqlite$/);
    await running;
    assert.deepEqual(await providerNames(call), ['exported']);
    const list = (await (await call('GET', '/api/db-backups')).json()) as BackupsListDto;
    assert.ok(list.backups.some((backup) => backup.id === id && backup.reason === 'import'), 'the upload is kept as an import backup');
    assert.ok(!readdirSync(join(test!.dataDir, 'backups')).some((name) => name.endsWith('.partial')), 'no temporary files left');
  });

  it('downloads and deletes one backup', async () => {
    const { call } = await hosted();
    const backup = (await (await call('PUT', '/api/db-backups')).json()) as BackupDto;
    const download = await call('GET', `/api/db-backups/${backup.id}`);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-disposition'), `attachment; filename="${backup.id}"`);
    assert.equal((await download.arrayBuffer()).byteLength, backup.sizeBytes);
    assert.equal((await call('DELETE', `/api/db-backups/${backup.id}`)).status, 204);
    assert.equal((await call('DELETE', `/api/db-backups/${backup.id}`)).status, 404);
    assert.equal((await call('GET', `/api/db-backups/${backup.id}`)).status, 404);
  });

  it('needs the management token, and answers 501 for a restore when nothing hosts the router', async () => {
    const router = await startRouter();
    try {
      assert.equal((await fetch(router.url + '/api/db-backups')).status, 401);
      assert.equal((await fetch(router.url + '/api/db-backups', { method: 'PUT' })).status, 401);
      const backup = (await (await router.manage('PUT', '/api/db-backups')).json()) as BackupDto;
      assert.equal(((await (await router.manage('GET', '/api/db-backups')).json()) as BackupsListDto).restoreAvailable, false);
      const refused = await router.manage('POST', '/api/db-backups', { id: backup.id });
      assert.equal(refused.status, 501);
    } finally {
      await router.close();
    }
  });
});
