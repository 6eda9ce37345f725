import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { cliAdminToken, exitOf, runCli, startCli } from './support/cli-process.js';
import { startOpenAiSimulator, type OpenAiSimulator } from './support/openai-simulator.js';

const adminToken = cliAdminToken;

describe('omniroute CLI', () => {
  let sim: OpenAiSimulator;
  const dataDirs: string[] = [];
  const newDataDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'omniroute-cli-'));
    dataDirs.push(dir);
    return dir;
  };
  // Routers a test started, stopped after it even when an assertion failed, so the run can end.
  const started: ChildProcess[] = [];
  const stopAfter = (child: ChildProcess): void => void started.push(child);
  before(async () => {
    sim = await startOpenAiSimulator({ models: ['gpt-4o-mini'] });
  });
  afterEach(() => {
    for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  after(async () => {
    await sim.close();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  const addSimProvider = (url: string) =>
    fetch(url + '/api/providers', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'sim', kind: 'openai', baseUrl: sim.url, apiKey: sim.apiKey, models: ['gpt-4o-mini'] }),
    });

  it('prints usage for --help', async () => {
    const { code, output } = await exitOf(runCli(['--help']));
    assert.equal(code, 0);
    assert.match(output, /Usage: omniroute/);
    assert.match(output, /--data-dir/);
  });

  it('rejects an unknown flag with a clear message', async () => {
    const { code, output } = await exitOf(runCli(['serve', '--bogus']));
    assert.equal(code, 1);
    assert.match(output, /Unknown argument '--bogus'/);
  });

  it('exits non-zero with a clear message when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, output } = await exitOf(runCli(['serve', '--port', String(port), '--data-dir', newDataDir()]));
      assert.equal(code, 1);
      assert.match(output, new RegExp(`Port ${port} on 127.0.0.1 is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('refuses to start with the file secret store but no key, rather than writing plaintext', async () => {
    const { code, output } = await exitOf(
      runCli(['serve', '--port', '0', '--data-dir', newDataDir()], { OMNIROUTE_SECRET_STORE: 'file', OMNIROUTE_SECRETS_KEY: '' }),
    );
    assert.equal(code, 1);
    assert.match(output, /OMNIROUTE_SECRETS_KEY/);
  });

  it('serves with PORT/DATA_DIR from the environment and keeps the DB private', async () => {
    const dataDir = newDataDir();
    const running = await startCli(dataDir, { PORT: '0', DATA_DIR: dataDir }, []);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.match(running.output(), new RegExp(`Data directory: ${dataDir}`));
    assert.equal(statSync(join(dataDir, 'omniroute.db')).mode & 0o777, 0o600);
    running.child.kill('SIGTERM');
    const [code] = (await once(running.child, 'exit')) as [number];
    assert.equal(code, 0);
  });

  it('on SIGTERM lets an in-flight stream finish, then exits 0', async () => {
    const running = await startCli(newDataDir(), { OMNIROUTE_SECRET_STORE: 'file', OMNIROUTE_SECRETS_KEY: 'a-long-enough-secrets-passphrase' });
    assert.equal((await addSimProvider(running.url)).status, 201);
    sim.reset();
    sim.fail({ chunkDelayMs: 150 });
    const response = await fetch(running.url + '/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'sim/gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'one two three four' }] }),
    });
    const reader = response.body!.getReader();
    let text = new TextDecoder().decode((await reader.read()).value);
    running.child.kill('SIGTERM');
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    assert.ok(text.endsWith('data: [DONE]\n\n'), `the stream completed:\n${text}`);
    const [code] = (await once(running.child, 'exit')) as [number];
    assert.equal(code, 0);
    assert.match(running.output(), /SIGTERM: finishing in-flight requests/);
  });

  it('on SIGTERM shuts down cleanly, usage written, when whoever read its output has gone', async () => {
    const dataDir = newDataDir();
    const running = await startCli(dataDir);
    assert.equal((await addSimProvider(running.url)).status, 201);
    sim.reset();
    const chat = await fetch(running.url + '/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'sim/gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }),
    });
    assert.equal(chat.status, 200);
    // Like a pipe into a program that exited: the router's next write to stdout fails with EPIPE.
    running.child.stdout?.destroy();
    running.child.stderr?.destroy();
    running.child.kill('SIGTERM');
    const [code] = (await once(running.child, 'exit')) as [number];
    assert.equal(code, 0);
    const database = new Database(join(dataDir, 'omniroute.db'), { readonly: true });
    try {
      assert.equal(database.prepare('SELECT COUNT(*) FROM usage_records').pluck().get(), 1, 'the usage record was flushed');
    } finally {
      database.close();
    }
  });

  it('doctor checks a data directory without changing it: fine when healthy, naming each problem otherwise', async () => {
    const dataDir = newDataDir();
    const running = await startCli(dataDir);
    stopAfter(running.child);
    assert.equal((await addSimProvider(running.url)).status, 201);
    const port = Number(new URL(running.url).port);
    const healthy = await exitOf(runCli(['doctor', '--data-dir', dataDir, '--port', String(port)]));
    assert.equal(healthy.code, 0, healthy.output);
    assert.match(healthy.output, /ok +database: intact; schema \d+/);
    assert.match(healthy.output, /ok +secret store: the OS keychain answers/);
    assert.match(healthy.output, /ok +provider keys: 1 provider\(s\), 1 key\(s\), all in the secret store/);
    assert.match(healthy.output, new RegExp(`ok +port 127\\.0\\.0\\.1:${port}: in use by a running OmniRoute`));
    assert.match(healthy.output, /warn +backups: none yet/);
    running.child.kill('SIGTERM');
    await once(running.child, 'exit');

    // Problems: a port taken by something else, loose permissions, an unusable proxy variable.
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    chmodSync(dataDir, 0o755);
    const database = statSync(join(dataDir, 'omniroute.db'));
    try {
      const troubled = await exitOf(runCli(['doctor', '--data-dir', dataDir, '--port', String(taken)], { HTTPS_PROXY: 'socks5://proxy:1080' }));
      assert.equal(troubled.code, 1, troubled.output);
      assert.match(troubled.output, new RegExp(`FAIL +port 127\\.0\\.0\\.1:${taken}: in use by another program`));
      assert.match(troubled.output, /warn +data directory: mode 755: others can list it\n {8}chmod 700/);
      assert.match(troubled.output, /warn +upstream proxy: HTTPS_PROXY is ignored: only http:\/\/ proxies are supported/);
      assert.match(troubled.output, /1 problem\(s\) stop the router from working/);
    } finally {
      blocker.close();
    }
    assert.equal(statSync(join(dataDir, 'omniroute.db')).mtimeMs, database.mtimeMs, 'doctor wrote nothing to the database');

    writeFileSync(join(dataDir, 'omniroute.db'), 'not a database '.repeat(300));
    const damaged = await exitOf(runCli(['doctor', '--data-dir', dataDir, '--port', '0']));
    assert.equal(damaged.code, 1);
    assert.match(damaged.output, /FAIL +database: cannot be read: file is not a database\n {8}Restore a backup with omniroute restore/);
  });

  it('refuses to start on a damaged database, saying how to restore a backup', async () => {
    const dataDir = newDataDir();
    writeFileSync(join(dataDir, 'omniroute.db'), 'not a database '.repeat(300));
    const { code, output } = await exitOf(runCli(['serve', '--port', '0', '--data-dir', dataDir]));
    assert.equal(code, 1);
    assert.match(output, /The database .*omniroute\.db is damaged \(file is not a database\)\. Fix: restore a backup with `omniroute restore`/);
  });

  it('backs up and restores from the command line: backup while serving, restore refused while serving, applied once stopped', async () => {
    const dataDir = newDataDir();
    const manage = (url: string, method: string, path: string): Promise<Response> => fetch(url + path, { method, headers: { authorization: `Bearer ${adminToken}` } });
    const providerNames = async (url: string): Promise<string[]> => ((await (await manage(url, 'GET', '/api/providers')).json()) as { data: { name: string }[] }).data.map((provider) => provider.name);
    const running = await startCli(dataDir);
    stopAfter(running.child);
    assert.equal((await addSimProvider(running.url)).status, 201);

    const backup = await exitOf(runCli(['backup', '--data-dir', dataDir]));
    assert.equal(backup.code, 0, backup.output);
    const id = /Backed up to \S+\/(omniroute-\S+-manual\.sqlite) \(/.exec(backup.output)?.[1];
    assert.ok(id, backup.output);
    const providerId = ((await (await manage(running.url, 'GET', '/api/providers')).json()) as { data: { id: string }[] }).data[0]!.id;
    assert.equal((await manage(running.url, 'DELETE', `/api/providers/${providerId}`)).status, 204);

    const refused = await exitOf(runCli(['restore', id, '--data-dir', dataDir]));
    assert.equal(refused.code, 1);
    assert.match(refused.output, /Another OmniRoute process has this data directory open/);
    assert.deepEqual(await providerNames(running.url), [], 'the running router was left alone');
    running.child.kill('SIGTERM');
    await once(running.child, 'exit');

    const listed = await exitOf(runCli(['restore', '--data-dir', dataDir]));
    assert.equal(listed.code, 0);
    assert.match(listed.output, new RegExp(id.replace(/\./g, '\\.')));
    const restored = await exitOf(runCli(['restore', id, '--data-dir', dataDir]));
    assert.equal(restored.code, 0, restored.output);
    assert.match(restored.output, new RegExp(`Restored '${id.replace(/\./g, '\\.')}'\\. The data it replaced is in the backup 'omniroute-\\S+-pre-restore\\.sqlite'`));

    // A database file named by path: copied in (kept as an import backup), the file left where it was.
    const outside = join(newDataDir(), 'exported.sqlite');
    copyFileSync(join(dataDir, 'omniroute.db'), outside);
    const fromFile = await exitOf(runCli(['restore', outside, '--data-dir', dataDir]));
    assert.equal(fromFile.code, 0, fromFile.output);
    assert.ok(existsSync(outside));
    assert.ok(readdirSync(join(dataDir, 'backups')).some((name) => name.endsWith('-import.sqlite')));
    const notADatabase = join(newDataDir(), 'notes.txt');
    writeFileSync(notADatabase, 'not a database');
    const bad = await exitOf(runCli(['restore', notADatabase, '--data-dir', dataDir]));
    assert.equal(bad.code, 1);
    assert.match(bad.output, /not an SQLite database|cannot be opened/);

    const again = await startCli(dataDir);
    stopAfter(again.child);
    assert.deepEqual(await providerNames(again.url), ['sim'], 'the backed-up provider is back');
    again.child.kill('SIGTERM');
    await once(again.child, 'exit');
  });

  it('on SIGTERM past shutdownGraceMs ends a stream with an error event, then exits 0', async () => {
    const running = await startCli(newDataDir());
    assert.equal((await addSimProvider(running.url)).status, 201);
    await fetch(running.url + '/api/settings', {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ shutdownGraceMs: 300 }),
    });
    sim.reset();
    sim.fail({ chunkDelayMs: 400 });
    sim.reply({ chunks: Array.from({ length: 20 }, (_, index) => `part ${index} `) });
    const response = await fetch(running.url + '/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'sim/gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'long' }] }),
    });
    const reader = response.body!.getReader();
    await reader.read();
    running.child.kill('SIGTERM');
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    assert.match(text, /data: \{"error":\{"message":"OmniRoute is shutting down/);
    assert.ok(!text.includes('[DONE]'));
    const [code] = (await once(running.child, 'exit')) as [number];
    assert.equal(code, 0);
    await sim.waitForAborted(1, 3000);
  });

  it('POST /api/restart serves again on the same port; POST /api/shutdown exits 0', async () => {
    const running = await startCli(newDataDir());
    const post = (path: string) => fetch(running.url + path, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });
    const restart = await post('/api/restart');
    assert.equal(restart.status, 202);
    assert.deepEqual(await restart.json(), { ok: true, action: 'restart' });
    // While the server closes and opens again, a request may find the port closed for a moment.
    let init: Response | undefined;
    for (let turn = 0; turn < 100 && init?.status !== 200; turn++) {
      init = await fetch(running.url + '/api/init', { headers: { authorization: `Bearer ${adminToken}` } }).catch(() => undefined);
      if (init?.status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(init?.status, 200);
    assert.equal(((await init!.json()) as { mode: string }).mode, 'headless');
    assert.equal((await post('/api/shutdown')).status, 202);
    const [code] = (await once(running.child, 'exit')) as [number];
    assert.equal(code, 0);
  });
});
