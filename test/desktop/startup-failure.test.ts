/**
 * A router that cannot start shows the native error window (reason, fix, log path) and the error
 * tray icon, never a blank window: a real taken port, a database from a newer build, a migration
 * that fails. (The locked keychain has its own file: it needs its own D-Bus environment.)
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createFakeElectron } from './fake-electron.js';
import { startTestDesktop, type TestDesktop } from './start-desktop.js';

async function takePort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return { server, port: address.port };
}

/** A data folder whose database was prepared by `prepare` (a newer schema, a conflicting table). */
function dataFolder(prepare: (database: Database.Database) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'omniroute-desktop-'));
  mkdirSync(join(root, 'data'));
  const database = new Database(join(root, 'data', 'omniroute.db'));
  database.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  prepare(database);
  database.close();
  return root;
}

async function assertErrorShown(test: TestDesktop, reason: RegExp, fix: RegExp): Promise<void> {
  const [dialog] = test.electron.dialogs;
  assert.ok(dialog, 'an error window was shown');
  assert.equal(dialog.type, 'error');
  assert.equal(dialog.title, 'OmniRoute could not start');
  assert.match(dialog.message, reason);
  const logPath = join(test.env.DATA_DIR as string, 'logs', 'omniroute.log');
  assert.ok(dialog.detail?.endsWith(`\n\nLog file: ${logPath}`), dialog.detail);
  assert.match(dialog.detail ?? '', fix);
  assert.deepEqual(dialog.buttons, ['Try again', 'Open log folder', 'Close', 'Quit OmniRoute']);

  const tray = test.electron.trays[0];
  assert.ok(tray);
  assert.match(tray.image, /tray-error\.png$/);
  assert.equal(tray.item('status').label, 'Router could not start');
  assert.equal(test.desktop?.state.current.status, 'error');
  // The window holds the same explanation, not a blank page.
  const page = decodeURIComponent(test.electron.windows[0]?.loadedUrls.at(-1) ?? '');
  assert.match(page, /^data:text\/html/);
  assert.ok(page.includes('OmniRoute could not start') && page.includes(logPath));
  // The log is written asynchronously (never blocking the app); wait for the line to land.
  for (let turn = 0; turn < 100 && !(existsSync(logPath) && /the router could not start/.test(readFileSync(logPath, 'utf8'))); turn++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.match(readFileSync(logPath, 'utf8'), /the router could not start/);
}

describe('desktop startup failures', () => {
  let test: TestDesktop | undefined;
  let blocker: Server | undefined;
  afterEach(async () => {
    blocker?.close();
    blocker = undefined;
    await test?.quit();
    test = undefined;
  });

  it('port taken: says which port and how to free it; Try again starts once it is free', async () => {
    const taken = await takePort();
    blocker = taken.server;
    const electron = createFakeElectron();
    electron.answerDialogs(() => 'Close');
    test = await startTestDesktop({ electron, env: { PORT: String(taken.port) } });
    await assertErrorShown(test, new RegExp(`Port ${taken.port} is already in use`), new RegExp(`Stop the other program using port ${taken.port}.*PORT`));

    await new Promise<void>((resolve) => taken.server.close(() => resolve()));
    blocker = undefined;
    electron.answerDialogs(() => 'Try again');
    await test.desktop?.controller.showError();
    assert.equal(test.desktop?.host.state.status, 'running');
    const response = await fetch(`http://127.0.0.1:${taken.port}/api/init`, { headers: { authorization: `Bearer ${test.adminToken}` } });
    assert.equal(response.status, 200);
    assert.match(electron.trays[0]?.image ?? '', /tray-running\.png$/);
  });

  it('Open log folder opens it and keeps the explanation on screen; Quit quits', async () => {
    const taken = await takePort();
    blocker = taken.server;
    const electron = createFakeElectron();
    const answers = ['Open log folder', 'Quit OmniRoute'];
    electron.answerDialogs(() => answers.shift() ?? 'Close');
    test = await startTestDesktop({ electron, env: { PORT: String(taken.port) } });
    assert.equal(electron.dialogs.length, 2);
    assert.deepEqual(electron.openedPaths, [join(test.env.DATA_DIR as string, 'logs')]);
    await electron.app.quitted;
  });

  it('database from a newer build: refuses, and says the data was not touched', async () => {
    const root = dataFolder((database) => database.prepare('INSERT INTO schema_migrations VALUES (999, ?, 0)').run('from the future'));
    test = await startTestDesktop({ root });
    await assertErrorShown(test, /schema version 999.*created by a newer OmniRoute/, /Install the newer OmniRoute.*DATA_DIR.*was not touched/);
  });

  it('failed migration: says it was rolled back and what to do', async () => {
    // A table in the way makes the first migration fail on CREATE TABLE.
    const root = dataFolder((database) => database.exec('CREATE TABLE providers (unexpected TEXT)'));
    test = await startTestDesktop({ root });
    await assertErrorShown(test, /Migration 1 \(.*\) failed and was rolled back: .*providers already exists/, /Restore a backup, or move .* aside/);
  });
});
