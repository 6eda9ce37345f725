/**
 * The Backups page in a real browser against the real router hosted by AppHost (a restore
 * restarts it, on the same port), with real SQLite files in a temp data directory and the real
 * keychain: back up, delete, restore (the page follows the restart to its outcome), import an
 * exported database, refuse a file that is not one; and, without a host, Restore and Import off.
 * The tests run in order and share one signed-in page, as a user would click through.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AppHost } from '../../main/app-host.js';
import type { BackupsListDto } from '../../shared/backups-types.js';
import { createTestHost, type TestHost } from '../support/start-host.js';
import { startRouter } from '../support/start-router.js';
import { buildDashboard, launchBrowser, openSignedIn } from './dashboard-harness.js';

const screenshotPath = process.env.OMNIROUTE_BACKUPS_SCREENSHOT;
/** A restore closes the router, applies the backup and starts it again; a second or so here. */
const restartTimeoutMs = 20_000;

/**
 * While the router restarts, the page's polls find nobody listening, and Chromium notes each
 * failed request in the console. Those are expected (the page asks again); nothing else is.
 */
const restartNoise = /^console error: Failed to load resource: net::ERR_(?:CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE) \(http:\/\/127\.0\.0\.1:\d+\/api\/db-backups\)$/;

/**
 * Slows the host's restarts: the old router keeps answering for `beforeStopMs` (as while requests
 * drain), then stays down for `downMs` (as while a large database is backed up and copied in), so
 * the page has to tell the old router's answers from the new one's and live through failed polls.
 * Returns the undo.
 */
function slowRestarts(host: AppHost, { beforeStopMs = 0, downMs = 0 }: { beforeStopMs?: number; downMs?: number }): () => void {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  host.restart = async () => {
    await pause(beforeStopMs);
    await host.stop();
    await pause(downMs);
    await host.start();
  };
  return () => {
    host.restart = Object.getPrototypeOf(host).restart;
  };
}

describe('dashboard: backups', () => {
  let dashboard: Awaited<ReturnType<typeof buildDashboard>>;
  let test: TestHost;
  let url: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let files: string;
  /** How many times the host started the router (1 after the first start; each restore adds one). */
  let starts = 0;

  before(async () => {
    files = mkdtempSync(join(tmpdir(), 'omniroute-backups-page-'));
    dashboard = await buildDashboard();
    test = createTestHost({ uiDir: dashboard.uiDir });
    test.host.onChange((state) => {
      if (state.status === 'running') starts += 1;
    });
    ({ url } = await test.host.start());
    browser = await launchBrowser();
    // en-US and UTC, so dates read the same everywhere.
    ({ context, page, problems } = await openSignedIn(browser, { url, adminToken: test.adminToken }, { utc: true }));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backups' }).click();
    await page.getByRole('heading', { level: 1, name: 'Backups' }).waitFor();
  });

  after(async () => {
    await browser?.close();
    await test?.dispose();
    dashboard?.remove();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  const api = (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${test.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const backups = async (): Promise<BackupsListDto> => (await (await api('GET', '/api/db-backups')).json()) as BackupsListDto;
  const providers = async (): Promise<{ id: string; name: string }[]> => ((await (await api('GET', '/api/providers')).json()) as { data: { id: string; name: string }[] }).data;
  const providerNames = async (): Promise<string[]> => (await providers()).map((provider) => provider.name).sort();
  const addProvider = async (name: string): Promise<void> => {
    const response = await api('POST', '/api/providers', { name, kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: `sk-${name}-0123456789` });
    assert.equal(response.status, 201, await response.text());
  };

  const row = (id: string) => page.locator(`tr[data-backup="${id}"]`);
  const rows = () => page.locator('tr[data-backup]');
  const status = () => page.getByTestId('restore-status');
  const importForm = () => page.getByRole('form', { name: 'Import' });
  const text = (value: string | null): string => (value ?? '').replace(/\s+/g, ' ').trim();

  /** Clicks Back up now and returns the one backup the server has that it did not have before. */
  async function backUpInThePage(): Promise<BackupsListDto['backups'][number]> {
    const known = new Set((await backups()).backups.map((backup) => backup.id));
    const count = await rows().count();
    await page.getByRole('button', { name: 'Back up now' }).click();
    await rows().nth(count).waitFor();
    const made = (await backups()).backups.filter((backup) => !known.has(backup.id));
    assert.equal(made.length, 1);
    return made[0]!;
  }

  it('backs up now: a Manual row with its date, size and a working download link; Delete removes it', async () => {
    await page.getByText('No backups yet.').waitFor();
    assert.match(text(await page.getByTestId('backup-schedule').textContent()), /older than 24 hours\. It keeps the newest 7 daily backups, 5 made before a restore and 5 imported; manual backups stay until you delete them\./);
    assert.equal(await page.getByTestId('restore-unavailable').count(), 0);

    const backup = await backUpInThePage();
    assert.equal(backup.reason, 'manual');
    const listed = row(backup.id);
    const created = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(backup.createdAt);
    assert.equal(text(await listed.locator('th').textContent()), text(created));
    const cells = await listed.locator('td').allTextContents();
    assert.equal(cells[0], 'Manual');
    const size = /^(\d+(?:\.\d)?) (B|KB|MB)$/.exec(cells[1] ?? '');
    assert.ok(size, `size shown as '${cells[1]}'`);
    const shownBytes = Number(size[1]) * 1024 ** ['B', 'KB', 'MB'].indexOf(size[2]!);
    assert.ok(Math.abs(shownBytes - backup.sizeBytes) / backup.sizeBytes < 0.01, `${cells[1]} for ${backup.sizeBytes} bytes`);

    // The links are plain GETs the session cookie authenticates (context.request shares the page's cookies).
    const href = await listed.getByRole('link', { name: /^Download/ }).getAttribute('href');
    assert.equal(href, `/api/db-backups/${backup.id}`);
    const download = await context.request.get(url + href);
    assert.equal(download.status(), 200);
    assert.equal((await download.body()).byteLength, backup.sizeBytes);
    const exportLink = page.getByRole('link', { name: 'Download the database (.sqlite)' });
    const exported = await context.request.get(url + (await exportLink.getAttribute('href')));
    assert.equal(exported.status(), 200);
    assert.match(exported.headers()['content-disposition'] ?? '', /^attachment; filename="omniroute-.*\.sqlite"$/);
    assert.equal((await exported.body()).subarray(0, 15).toString('latin1'), 'SQLite format 3');
    assert.equal(await page.getByRole('link', { name: 'Download everything (.tar.gz)' }).getAttribute('href'), '/api/db-backups/exportAll');

    await listed.getByRole('button', { name: 'Delete' }).click();
    await listed.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText('No backups yet.').waitFor();
    assert.deepEqual((await backups()).backups, []);
  });

  it('restores a backup: asks first, shows the restart, then the outcome; the server holds the backed-up data', async () => {
    await addProvider('before');
    const backup = await backUpInThePage();
    await addProvider('after');
    assert.deepEqual(await providerNames(), ['after', 'before']);
    const startsBefore = starts;
    const problemsBefore = problems.length;
    const undo = slowRestarts(test.host, { downMs: 2000 });
    try {
      await row(backup.id).getByRole('button', { name: 'Restore' }).click();
      await row(backup.id).getByText('The current data is backed up first, then the router restarts.').waitFor();
      await row(backup.id).getByRole('button', { name: 'Yes, restore' }).click();
      await status().getByText('Restoring…').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Back up now' }).isDisabled(), true, 'nothing else starts while the router restarts');
      const down = Date.now();
      while (test.host.state.status !== 'stopped' && Date.now() - down < restartTimeoutMs) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(test.host.state.status, 'stopped');
      await status().getByText('Restoring…').waitFor();
      await status().locator('[data-outcome="restored"]').waitFor({ timeout: restartTimeoutMs });
    } finally {
      undo();
    }
    const outcome = status().locator('[data-outcome="restored"]');

    assert.equal(starts, startsBefore + 1, 'the router restarted once');
    const failedPolls = problems.slice(problemsBefore);
    assert.ok(failedPolls.length > 0, 'the page asked while the router was down');
    assert.ok(failedPolls.every((problem) => restartNoise.test(problem)), failedPolls.join('\n'));
    const list = await backups();
    assert.equal(list.lastRestore?.status, 'restored');
    assert.equal(list.lastRestore?.id, backup.id);
    assert.ok(text(await outcome.textContent()).endsWith(list.lastRestore.message), text(await outcome.textContent()));
    assert.ok(list.lastRestore.message.includes(backup.id));
    assert.deepEqual(await providerNames(), ['before']);
    const preRestore = list.backups.find((entry) => entry.reason === 'pre-restore');
    assert.ok(preRestore, 'the replaced data was backed up first');
    assert.equal(list.lastRestore.preRestoreId, preRestore.id);
    assert.equal(text(await row(preRestore.id).locator('td').first().textContent()), 'Before restore');
    assert.equal(await rows().count(), list.backups.length, 'the list was reloaded');
    assert.equal(await page.getByRole('button', { name: 'Back up now' }).isDisabled(), false);
    if (screenshotPath) await page.screenshot({ path: screenshotPath, fullPage: true });
  });

  it('imports an exported database: restored, the deleted provider is back, the upload is kept as Imported', async () => {
    const exported = await api('GET', '/api/db-backups/export');
    assert.equal(exported.status, 200);
    const file = join(files, 'exported.sqlite');
    writeFileSync(file, Buffer.from(await exported.arrayBuffer()));
    const [provider] = await providers();
    assert.equal((await api('DELETE', `/api/providers/${provider!.id}`)).status, 204);
    assert.deepEqual(await providerNames(), []);
    const startsBefore = starts;

    // The old router answers the first polls (with the previous restore's outcome): the page waits for this one's.
    const undo = slowRestarts(test.host, { beforeStopMs: 1500 });
    try {
      await importForm().getByLabel('Database file').setInputFiles(file);
      await importForm().getByRole('button', { name: 'Import and restore' }).click();
      await status().getByText('Restoring…').waitFor();
      await status().locator('[data-outcome="restored"]', { hasText: '-import.sqlite' }).waitFor({ timeout: restartTimeoutMs });
    } finally {
      undo();
    }

    assert.equal(starts, startsBefore + 1);
    assert.deepEqual(await providerNames(), ['before']);
    const list = await backups();
    const imported = list.backups.find((entry) => entry.reason === 'import');
    assert.ok(imported, 'the upload is kept');
    assert.equal(list.lastRestore?.id, imported.id);
    assert.equal(list.lastRestore.status, 'restored');
    assert.ok(text(await status().textContent()).endsWith(list.lastRestore.message), text(await status().textContent()));
    assert.equal(text(await row(imported.id).locator('td').first().textContent()), 'Imported');
    assert.equal(await importForm().getByLabel('Database file').inputValue(), '', 'the form is cleared');
  });

  it('shows why a file that is not a database cannot be imported, and changes nothing', async () => {
    const file = join(files, 'notes.sqlite');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(20));
    const before = await backups();
    const startsBefore = starts;

    await importForm().getByLabel('Database file').setInputFiles(file);
    await importForm().getByRole('button', { name: 'Import and restore' }).click();
    const alert = importForm().getByRole('alert');
    await alert.waitFor();
    // The server's own message for these bytes (a refused import changes nothing, so asking again is harmless).
    const refused = await fetch(url + '/api/db-backups/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${test.adminToken}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(Buffer.from('these are my notes, not a database\n'.repeat(20))),
    });
    assert.equal(refused.status, 400);
    const { error } = (await refused.json()) as { error: { message: string } };
    assert.match(error.message, /not an SQLite database|cannot be opened/);
    assert.equal(await alert.textContent(), error.message);

    assert.equal(await status().getByText('Restoring…').count(), 0);
    assert.equal(starts, startsBefore, 'no restart');
    assert.equal(test.host.state.status, 'running');
    assert.deepEqual(await providerNames(), ['before']);
    assert.deepEqual(await backups(), before, 'no backup added, the last restore unchanged');
    assert.equal(await rows().count(), before.backups.length);
  });

  it('logged no script error and no CSP violation (only failed polls while the router was down)', () => {
    assert.deepEqual(
      problems.filter((problem) => !restartNoise.test(problem)),
      [],
    );
  });

  it('turns Restore and Import off when nothing hosts the router, and says why', async () => {
    const router = await startRouter({ uiDir: dashboard.uiDir });
    try {
      assert.equal((await router.manage('PUT', '/api/db-backups')).status, 201);
      // A context of its own: cookies are per host, not per port, so this sign-in would replace the other's.
      const { context: unhosted, page: other, problems: otherProblems } = await openSignedIn(browser, router, { utc: true, path: '#/backups' });
      try {
        await other.getByRole('heading', { level: 1, name: 'Backups' }).waitFor();
        const note = other.getByTestId('restore-unavailable');
        await note.waitFor();
        assert.match(text(await note.textContent()), /needs it to be run by npm start, omniroute serve or the desktop app/);
        const listed = other.locator('tr[data-backup]');
        await listed.first().waitFor();
        assert.equal(await listed.count(), 1);
        assert.equal(await listed.getByRole('button', { name: 'Restore' }).isDisabled(), true);
        assert.equal(await listed.getByRole('button', { name: 'Delete' }).isDisabled(), false);
        const form = other.getByRole('form', { name: 'Import' });
        assert.equal(await form.getByLabel('Database file').isDisabled(), true);
        assert.equal(await form.getByRole('button', { name: 'Import and restore' }).isDisabled(), true);
        assert.equal(await other.getByRole('button', { name: 'Back up now' }).isDisabled(), false);
        assert.deepEqual(otherProblems, []);
      } finally {
        await unhosted.close();
      }
    } finally {
      await router.close();
    }
  });
});
