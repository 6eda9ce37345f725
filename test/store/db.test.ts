import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DATABASE_FILE_NAME, openDatabase } from '../../main/store/db.js';
import { createTempDir, removeTempDir } from './fixtures.js';

const posixOnly = process.platform === 'win32' ? 'Windows has no POSIX file modes' : false;

function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

describe('openDatabase', () => {
  let tempDir: string;
  let dataDir: string;
  let file: string;

  beforeEach(() => {
    tempDir = createTempDir();
    dataDir = path.join(tempDir, 'nested', 'data');
    file = path.join(dataDir, DATABASE_FILE_NAME);
  });
  afterEach(() => removeTempDir(tempDir));

  it('creates a missing data directory owner-only', { skip: posixOnly }, () => {
    openDatabase({ dataDir }).close();
    assert.equal(modeOf(dataDir), 0o700);
  });

  it('keeps the database, -wal and -shm files owner-only', { skip: posixOnly }, () => {
    const previousUmask = process.umask(0);
    try {
      const database = openDatabase({ dataDir });
      database.exec('CREATE TABLE probe (x); INSERT INTO probe VALUES (1)');
      // The WAL files exist only while a connection is open.
      assert.equal(modeOf(file), 0o600);
      assert.equal(modeOf(`${file}-wal`), 0o600);
      assert.equal(modeOf(`${file}-shm`), 0o600);
      database.close();
    } finally {
      process.umask(previousUmask);
    }
  });

  it('tightens an existing database and stale WAL files that are too open', { skip: posixOnly }, () => {
    // Leftovers of a crash: WAL files copied while a connection had them open. They must be
    // non-empty, because SQLite itself fixes the mode of the empty files it opens.
    const crashed = openDatabase({ dataDir });
    crashed.exec('CREATE TABLE probe (x); INSERT INTO probe VALUES (1)');
    fs.copyFileSync(`${file}-wal`, path.join(tempDir, 'stale-wal'));
    fs.copyFileSync(`${file}-shm`, path.join(tempDir, 'stale-shm'));
    crashed.close();
    fs.copyFileSync(path.join(tempDir, 'stale-wal'), `${file}-wal`);
    fs.copyFileSync(path.join(tempDir, 'stale-shm'), `${file}-shm`);
    fs.chmodSync(file, 0o644);
    fs.chmodSync(`${file}-wal`, 0o644);
    fs.chmodSync(`${file}-shm`, 0o666);
    const database = openDatabase({ dataDir });
    assert.equal(database.prepare('SELECT x FROM probe').pluck().get(), 1);
    assert.equal(modeOf(file), 0o600);
    assert.equal(modeOf(`${file}-wal`), 0o600);
    assert.equal(modeOf(`${file}-shm`), 0o600);
    database.close();
  });

  it('sets WAL, synchronous NORMAL, foreign keys and the busy timeout', () => {
    const database = openDatabase({ dataDir });
    assert.equal(database.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(database.pragma('synchronous', { simple: true }), 1);
    assert.equal(database.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(database.pragma('busy_timeout', { simple: true }), 5000);
    database.close();
  });

  it('keeps data across reopen', () => {
    const first = openDatabase({ dataDir });
    first.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('theme', '"dark"', 1);
    first.close();
    const second = openDatabase({ dataDir });
    assert.equal(second.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('theme'), '"dark"');
    second.close();
  });
});
