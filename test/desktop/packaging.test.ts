/**
 * electron-builder.yml, checked offline (packaging itself downloads Electron):
 * - the configuration passes electron-builder's own validation (its JSON schema);
 * - a real `electron-builder --dir --linux` run lays the app out, with a stand-in folder for the
 *   Electron binary (`electronDist`) and without the native rebuild (`npmRebuild=false`: rebuilding
 *   better-sqlite3 for Electron needs Electron's headers or a prebuild from the internet);
 * - the packaged main process, extracted from app.asar, starts under Node with the substitute
 *   electron module: entry, preload, icons and dashboard resolve inside the package, and the
 *   native modules load from app.asar.unpacked.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { after, before, describe, it, mock } from 'node:test';
import { extractAll, listPackage } from '@electron/asar';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger, log } from 'builder-util';
import { trayIconPath } from '../../main/desktop/tray.js';
import type { SubstituteReport } from './substitute-electron/module.js';

const run = promisify(execFile);
const repository = join(import.meta.dirname, '..', '..');
const statuses = ['running', 'degraded', 'stopped', 'error'] as const;

describe('packaging (electron-builder.yml)', () => {
  let project: string;
  let resources: string;

  before(async () => {
    // electron-builder's in-process logger writes to this process's stdout in pieces, and that stdout
    // also carries the test runner's own messages to its parent: a piece that landed inside one of
    // them failed the whole file once ("Unable to deserialize cloned data"). Not what is checked here.
    for (const level of ['info', 'warn'] as const) mock.method(log, level, () => undefined);
    project = mkdtempSync(join(tmpdir(), 'omniroute-package-'));
    for (const file of ['package.json', 'electron-builder.yml']) copyFileSync(join(repository, file), join(project, file));
    cpSync(join(repository, 'assets'), join(project, 'assets'), { recursive: true });
    symlinkSync(join(repository, 'node_modules'), join(project, 'node_modules'), 'dir');
    // A chunk of an earlier build: its name carries another content hash, and it must not ship.
    mkdirSync(join(project, 'dist', 'main', 'desktop'), { recursive: true });
    writeFileSync(join(project, 'dist', 'main', 'desktop', 'chunk-EARLIER0.js'), 'export {};\n');
    await run(process.execPath, [join(repository, 'scripts', 'bundle-desktop.mjs'), join(project, 'dist', 'main', 'desktop')]);
    // Stand-in for the dashboard's own build (vite), which is not what this test checks.
    mkdirSync(join(project, 'dist', 'renderer'), { recursive: true });
    writeFileSync(join(project, 'dist', 'renderer', 'index.html'), '<!doctype html><title>OmniRoute</title><p>dashboard stand-in</p>\n');
    // Stand-in for the unpacked Electron distribution electron-builder would download.
    const electronDist = join(project, 'electron-dist');
    mkdirSync(electronDist);
    writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary"\n', { mode: 0o755 });
    writeFileSync(join(electronDist, 'LICENSE'), '');
    writeFileSync(join(electronDist, 'version'), JSON.parse(readFileSync(join(repository, 'node_modules', 'electron', 'package.json'), 'utf8')).version);
    await run(process.execPath, [join(repository, 'node_modules', 'electron-builder', 'cli.js'), '--dir', '--linux', '--x64', '-c.npmRebuild=false', `-c.electronDist=${electronDist}`], {
      cwd: project,
      env: { ...process.env, CI: '1' },
    });
    resources = join(project, 'out', 'linux-unpacked', 'resources');
  });
  after(() => {
    mock.restoreAll();
    rmSync(project, { recursive: true, force: true });
  });

  it("passes electron-builder's own validation", async () => {
    const config = await getConfig(repository, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    assert.equal(config.appId, 'dev.omniroute.desktop');
    // The check can fail: a misspelt option is refused.
    await assert.rejects(validateConfiguration({ ...config, linux: { ...config.linux, tagret: ['AppImage'] } as never }, new DebugLogger(false)), /configuration\.linux should be/);
  });

  it('targets AppImage and deb, a universal dmg and NSIS, with the icons from assets/', async () => {
    const config = await getConfig(repository, null, null);
    assert.deepEqual(config.linux?.target, ['AppImage', 'deb']);
    assert.deepEqual(config.mac?.target, [{ target: 'dmg', arch: ['universal'] }]);
    assert.deepEqual(config.win?.target, ['nsis']);
    for (const platform of [config.linux, config.mac, config.win]) assert.ok(platform?.icon && existsSync(join(repository, platform.icon)), String(platform?.icon));
    assert.equal(config.npmRebuild, true);
  });

  it('lays out the entry, preload, dashboard and icons in app.asar, and native modules outside it', () => {
    const files = new Set(listPackage(join(resources, 'app.asar'), { isPack: false }).map((file) => file.replaceAll('\\', '/')));
    const manifest = JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8')) as { main: string };
    for (const file of [`/${manifest.main}`, '/dist/main/desktop/preload.cjs', '/dist/renderer/index.html', '/assets/icon.png', '/package.json']) {
      assert.ok(files.has(file), `${file} is packaged`);
    }
    for (const status of statuses) assert.ok(files.has(trayIconPath('/assets', status)), `tray icon for ${status}`);
    assert.ok(files.has('/dist/main/desktop/index.js') && !files.has('/dist/main/desktop/chunk-EARLIER0.js'), 'an earlier build\'s chunk is not packaged');
    // Nothing but what the app loads: no sources, tests or the unbundled tsc output.
    assert.deepEqual([...files].filter((file) => /^\/(main|test|shared|scripts|renderer)\//.test(file) || /^\/dist\/(main\/(?!desktop)|test|bench)/.test(file)), []);
    const nativeFiles = ['better-sqlite3', '@napi-rs'].flatMap((name) => nativeBinaries(join(repository, 'node_modules', name)).map((file) => file.slice(join(repository, 'node_modules').length)));
    assert.ok(nativeFiles.some((file) => file.startsWith('/better-sqlite3/')) && nativeFiles.some((file) => file.startsWith('/@napi-rs/keyring')), String(nativeFiles));
    for (const file of nativeFiles) assert.ok(existsSync(join(resources, 'app.asar.unpacked', 'node_modules', file)), `${file} is unpacked`);
    assert.ok(existsSync(join(project, 'out', 'linux-unpacked', 'omniroute-desktop')), 'the executable carries the Linux name');
  });

  it('the packaged main process starts the router and serves the packaged dashboard', async () => {
    const extracted = join(project, 'extracted');
    extractAll(join(resources, 'app.asar'), extracted);
    const dataDir = join(project, 'data');
    const child = spawn(process.execPath, ['--import', join(import.meta.dirname, 'substitute-electron', 'hook.mjs'), '--import', 'tsx', join(extracted, 'dist', 'main', 'desktop', 'index.js')], {
      cwd: repository,
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', OMNIROUTE_ADMIN_TOKEN: 'packaging-test-admin-token-0123456789' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      const report = await readReport(child.stdout);
      assert.deepEqual(report.dialogs, []);
      assert.deepEqual(report.errorBoxes, []);
      assert.equal(report.trayImage, join(extracted, 'assets', 'tray-running.png'));
      assert.equal(report.preload, join(extracted, 'dist', 'main', 'desktop', 'preload.cjs'));
      assert.equal(report.windowIcon, join(extracted, 'assets', 'icon.png'));
      for (const file of [report.trayImage, report.preload, report.windowIcon]) assert.ok(file && existsSync(file), file);
      const [dashboard] = report.loadedUrls;
      assert.match(dashboard ?? '', /^http:\/\/127\.0\.0\.1:\d+\/$/);
      assert.match(await (await fetch(dashboard as string)).text(), /dashboard stand-in/);
      child.stdin.write('quit\n');
      const [code] = await once(child, 'exit');
      assert.equal(code, 0);
    } finally {
      child.kill();
    }
  });
});

function nativeBinaries(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.node'))
    // Intermediate objects of a node-gyp build, which electron-builder leaves out on purpose.
    .filter((entry) => !entry.parentPath.includes('obj.target'))
    .map((entry) => join(entry.parentPath, entry.name));
}

async function readReport(stdout: NodeJS.ReadableStream): Promise<SubstituteReport> {
  for await (const line of createInterface({ input: stdout })) {
    if (line.startsWith('REPORT ')) return JSON.parse(line.slice('REPORT '.length)) as SubstituteReport;
  }
  throw new Error('the packaged app exited without a report');
}
