/**
 * The backups folder on real SQLite: the daily backup and how many of each kind are kept, with a
 * clock the test moves; copies made one at a time; leftovers of interrupted transfers removed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Backups, keptBackups } from '../../main/backups/backups.js';
import { applyPendingRestore, writePendingRestore } from '../../main/backups/pending-restore.js';
import { openDatabase, type Database } from '../../main/store/index.js';
import { createLogger, type Logger } from '../../main/util/logger.js';

const hour = 3_600_000;

describe('Backups', () => {
  let dataDir: string;
  let db: Database;
  let logger: Logger;
  let clock: number;
  let backups: Backups;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'omniroute-backups-'));
    db = openDatabase({ dataDir });
    logger = createLogger({ logDir: join(dataDir, 'logs') });
    clock = Date.UTC(2026, 10, 1, 9, 0, 0);
    backups = new Backups({ dataDir, db, logger, now: () => clock });
  });
  afterEach(async () => {
    await backups.close();
    db.close();
    await logger.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('makes the daily backup only when the newest backup is a day old, and keeps the newest seven', async () => {
    const first = await backups.backUpIfDue();
    assert.equal(first?.reason, 'scheduled', 'no backup yet: one is due');
    clock += 23 * hour;
    assert.equal(await backups.backUpIfDue(), undefined, 'under a day since the last one');
    clock += hour;
    assert.equal((await backups.backUpIfDue())?.reason, 'scheduled');
    clock += 12 * hour;
    await backups.create('manual');
    clock += 13 * hour;
    assert.equal(await backups.backUpIfDue(), undefined, 'a manual backup counts as the newest');

    for (let day = 0; day < 10; day++) {
      clock += 24 * hour;
      await backups.backUpIfDue();
    }
    const kinds = backups.list().map((backup) => backup.reason);
    assert.equal(kinds.filter((kind) => kind === 'scheduled').length, keptBackups.scheduled);
    assert.equal(kinds.filter((kind) => kind === 'manual').length, 1, 'manual backups are never pruned');
    assert.equal(backups.list()[0]?.createdAt, clock, 'newest first');
  });

  it('makes copies one at a time, each complete, under distinct names', async () => {
    db.exec('CREATE TABLE filler (text TEXT)');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    for (let row = 0; row < 2000; row++) insert.run('x'.repeat(500));
    const made = await Promise.all([backups.create('manual'), backups.create('manual'), backups.create('manual')]);
    assert.equal(new Set(made.map((backup) => backup.id)).size, 3, 'same clock, still three names');
    assert.ok(made.every((backup) => backup.sizeBytes > 1_000_000));
    assert.deepEqual(readdirSync(join(dataDir, 'backups')).filter((name) => !name.endsWith('-manual.sqlite')), []);
  });

  it('restores over a database too damaged to open, keeping the damaged file as the pre-restore backup', async () => {
    db.exec("CREATE TABLE marker (text TEXT); INSERT INTO marker VALUES ('from the backup')");
    const backup = await backups.create('manual');
    db.close();
    const garbage = Buffer.from('this is not an SQLite database any more '.repeat(200));
    writeFileSync(join(dataDir, 'omniroute.db'), garbage);
    rmSync(join(dataDir, 'omniroute.db-wal'), { force: true });
    rmSync(join(dataDir, 'omniroute.db-shm'), { force: true });
    assert.throws(() => openDatabase({ dataDir }), 'the damaged database does not open');

    writePendingRestore(dataDir, { id: backup.id, requestedAt: clock });
    const outcome = applyPendingRestore(dataDir, () => clock);
    assert.equal(outcome?.status, 'restored', outcome?.message);
    assert.ok(outcome?.preRestoreId);
    assert.deepEqual(readFileSync(join(dataDir, 'backups', outcome.preRestoreId)), garbage, 'the damaged file is kept as it was');
    db = openDatabase({ dataDir });
    assert.deepEqual(db.prepare('SELECT text FROM marker').pluck().all(), ['from the backup']);
  });

  it('removes temporary files an interrupted transfer left, once they are an hour old', () => {
    const folder = join(dataDir, 'backups');
    const old = backups.temporaryFile('upload');
    const fresh = backups.temporaryFile('export');
    writeFileSync(old, 'partial');
    writeFileSync(fresh, 'partial');
    const hourAgo = (clock - 2 * hour) / 1000;
    utimesSync(old, hourAgo, hourAgo);
    utimesSync(fresh, clock / 1000, clock / 1000);
    writeFileSync(join(folder, 'notes.txt'), 'not ours');
    backups.removeLeftovers();
    assert.deepEqual(readdirSync(folder).sort(), [fresh.slice(folder.length + 1), 'notes.txt'].sort());
    assert.deepEqual(backups.list(), [], 'neither is listed as a backup');
  });
});
