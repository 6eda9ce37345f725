/**
 * The CLI tools page in a real browser against the real router, whose detection looks at a fake
 * home with the real Claude Code, Codex and Gemini CLI packages on its PATH: what was found, then
 * preview, apply (the created key shown once) and restore of Claude Code's settings file.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createFakeHome, type FakeHome } from '../support/fake-home.js';
import { installedVersion, layOutNpmPrefix } from '../support/npm-prefix.js';
import type { TestRouter } from '../support/start-router.js';
import { dashboardSuite } from './dashboard-harness.js';

describe('dashboard: CLI tools', () => {
  let home: FakeHome;
  let router: TestRouter;
  let page: Page;
  let problems: string[];

  before(() => {
    home = createFakeHome();
    layOutNpmPrefix(home.path('npm-global'));
  });
  // Detection runs each tool's --version; Gemini CLI alone can take seconds.
  const suite = dashboardSuite({ router: () => ({ env: { HOME: home.root, PATH: `${home.path('npm-global', 'bin')}:/usr/bin:/bin` } }), timeoutMs: 30_000 });
  before(async () => {
    ({ router, page, problems } = suite);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'CLI tools' }).click();
    await page.getByRole('heading', { level: 1, name: 'CLI tools' }).waitFor();
  });
  after(() => home?.remove());

  const card = (id: string) => page.locator(`article[data-cli-tool="${id}"]`);
  const settingsFile = () => home.path('.claude', 'settings.json');

  it('lists installed tools with their version and path, and the others as not found', async () => {
    await page.getByRole('heading', { level: 2, name: 'Installed (3)' }).waitFor();
    await card('claude').getByText(`v${installedVersion('@anthropic-ai/claude-code')}`).waitFor();
    await card('claude').getByText(home.path('npm-global', 'bin', 'claude')).waitFor();
    await card('codex').getByText(`v${installedVersion('@openai/codex')}`).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Not found (12)' }).waitFor();
    await card('goose').getByText('Not found', { exact: true }).waitFor();
  });

  it('previews the change to Claude Code settings without writing it', async () => {
    await card('claude').getByRole('button', { name: 'Set up' }).click();
    await card('claude').getByText(`${settingsFile()} (will be created)`).waitFor();
    await card('claude').getByLabel('Model (optional)').fill('up/some-model');
    await card('claude').getByRole('button', { name: 'Preview changes' }).click();
    const diff = card('claude').getByLabel('Changes Apply would make');
    await diff.waitFor();
    const text = (await diff.textContent()) ?? '';
    assert.match(text, new RegExp(`\\+    "ANTHROPIC_BASE_URL": "${router.url}"`));
    assert.match(text, /\+ {4}"ANTHROPIC_MODEL": "up\/some-model"/);
    assert.equal(existsSync(settingsFile()), false);
    assert.equal(await card('claude').getByRole('button', { name: 'Restore' }).isDisabled(), true);
  });

  it('applies: the file points at the router with a new key, shown once on the page', async () => {
    await card('claude').getByRole('button', { name: 'Apply' }).click();
    await card('claude').getByRole('status').getByText('Claude Code now uses this router.').waitFor();
    const key = await card('claude').getByRole('textbox', { name: 'New API key' }).inputValue();
    assert.match(key, /^sk-omni-/);
    const written = JSON.parse(readFileSync(settingsFile(), 'utf8')) as { env: Record<string, string> };
    assert.equal(written.env.ANTHROPIC_AUTH_TOKEN, key);
    assert.doesNotMatch((await card('claude').getByLabel('Changes made').textContent()) ?? '', new RegExp(key), 'the diff shows only the key preview');
    await card('claude').getByRole('button', { name: 'Done, I copied it' }).click();
    assert.equal(await card('claude').getByRole('textbox', { name: 'New API key' }).count(), 0);
  });

  it('restores: the file that did not exist is gone again', async () => {
    await card('claude').getByRole('button', { name: 'Restore' }).click();
    await card('claude').getByRole('status').getByText('Restored 1 file(s) as they were before.').waitFor();
    assert.equal(existsSync(settingsFile()), false);
    await card('claude').getByText(`${settingsFile()} (will be created)`).waitFor();
  });

  it('looks again on request', async () => {
    home.write('.local/bin/crush', '#!/bin/sh\necho "crush version 0.10.1"\n', 0o755);
    await page.getByRole('button', { name: 'Look again' }).click();
    await page.getByRole('heading', { level: 2, name: 'Installed (4)' }).waitFor();
    await card('crush').getByText('v0.10.1').waitFor();
  });

  it('logged no script error and no CSP violation', () => {
    assert.deepEqual(problems, []);
  });
});
