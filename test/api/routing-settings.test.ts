/**
 * `/api/settings/system-prompt` and `/api/settings/thinking-budget` against the real router: views
 * of the settings document (GET /api/settings shows the same values), PUT and PATCH merging,
 * validation, persistence, loading settings stored before these fields existed, and the token.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultSystemPromptSetting, defaultThinkingBudgetSetting, maxSystemPromptChars } from '../../shared/request-settings.js';
import type { Settings } from '../../shared/settings.js';
import { openStore } from '../../main/store/index.js';
import { acrossRestart } from '../support/across-restart.js';
import { expectAdminOnly, expectJson, expectManagementError } from '../support/management-error.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

describe('routing settings', () => {
  let router: TestRouter;
  const settings = async (): Promise<Settings> => expectJson<Settings>(await router.manage('GET', '/api/settings'), 200);

  before(async () => {
    router = await startRouter();
  });
  after(() => router?.close());

  it('start disabled and passthrough, in both views', async () => {
    assert.deepEqual(await expectJson(await router.manage('GET', '/api/settings/system-prompt'), 200), { enabled: false, prompt: '', mode: 'prepend' });
    assert.deepEqual(await expectJson(await router.manage('GET', '/api/settings/thinking-budget'), 200), { mode: 'passthrough', budgetTokens: 0 });
    const all = await settings();
    assert.deepEqual(all.systemPrompt, defaultSystemPromptSetting);
    assert.deepEqual(all.thinkingBudget, defaultThinkingBudgetSetting);
  });

  it('PUT and PATCH the system prompt, merged over the current value', async () => {
    const put = await expectJson(await router.manage('PUT', '/api/settings/system-prompt', { enabled: true, prompt: 'Answer in English.' }), 200);
    assert.deepEqual(put, { enabled: true, prompt: 'Answer in English.', mode: 'prepend' });
    const patched = await expectJson(await router.manage('PATCH', '/api/settings/system-prompt', { mode: 'append' }), 200);
    assert.deepEqual(patched, { enabled: true, prompt: 'Answer in English.', mode: 'append' });
    assert.deepEqual((await settings()).systemPrompt, patched, 'GET /api/settings shows the same value');
    assert.deepEqual(router.app.context.settings.current.systemPrompt, patched);
  });

  it('PUT and PATCH the thinking budget', async () => {
    assert.deepEqual(await expectJson(await router.manage('PUT', '/api/settings/thinking-budget', { mode: 'cap', budgetTokens: 8192 }), 200), { mode: 'cap', budgetTokens: 8192 });
    assert.deepEqual(await expectJson(await router.manage('PATCH', '/api/settings/thinking-budget', { mode: 'off' }), 200), { mode: 'off', budgetTokens: 8192 });
    assert.deepEqual((await settings()).thinkingBudget, { mode: 'off', budgetTokens: 8192 });
  });

  for (const [path, body, param, pattern] of [
    ['system-prompt', { mode: 'replace' }, 'mode', /prepend, append/],
    ['system-prompt', { enabled: 'yes' }, 'enabled', /./],
    ['system-prompt', { prompt: 'x'.repeat(maxSystemPromptChars + 1) }, 'prompt', /at most 32768/],
    ['system-prompt', { enabled: true, prompt: '   ' }, 'prompt', /must not be empty while enabled/],
    ['system-prompt', { extra: 1 }, undefined, /extra/],
    ['thinking-budget', { mode: 'max' }, 'mode', /passthrough, off, fixed, cap/],
    ['thinking-budget', { budgetTokens: -1 }, 'budgetTokens', /./],
    ['thinking-budget', { budgetTokens: 1.5 }, 'budgetTokens', /./],
    ['thinking-budget', { mode: 'fixed', budgetTokens: 0 }, 'budgetTokens', /above 0 when mode is 'fixed' or 'cap'/],
  ] as const) {
    it(`rejects ${JSON.stringify(body).slice(0, 60)} on ${path} with 400, changing nothing`, async () => {
      const before = await settings();
      const error = await expectManagementError(await router.manage('PUT', `/api/settings/${path}`, body), 400, 'invalid_request', param);
      assert.match(error.message, pattern);
      assert.deepEqual(await settings(), before);
    });
  }

  it('leaves GET|PUT|PATCH /api/settings working, including the new fields', async () => {
    const systemPrompt = { enabled: false, prompt: 'kept', mode: 'prepend' as const };
    const updated = await expectJson<Settings>(await router.manage('PATCH', '/api/settings', { systemPrompt, shutdownGraceMs: 1234 }), 200);
    assert.deepEqual(updated.systemPrompt, systemPrompt);
    assert.equal(updated.shutdownGraceMs, 1234);
    assert.deepEqual(await expectJson(await router.manage('GET', '/api/settings/system-prompt'), 200), systemPrompt);
    await expectManagementError(await router.manage('PUT', '/api/settings', { thinkingBudget: { mode: 'cap', budgetTokens: 0 } }), 400, 'invalid_request', 'thinkingBudget.budgetTokens');
  });

  it('refuses both views without the admin token', async () => {
    await expectAdminOnly(
      router.url,
      ['system-prompt', 'thinking-budget'].flatMap((path) => ['GET', 'PUT', 'PATCH'].map((method) => [method, `/api/settings/${path}`] as const)),
    );
  });
});

describe('routing settings across a restart', () => {
  it('keep their values', async () => {
    await acrossRestart(
      async (first) => {
        await expectJson(await first.manage('PUT', '/api/settings/system-prompt', { enabled: true, prompt: 'Be brief.', mode: 'append' }), 200);
        await expectJson(await first.manage('PUT', '/api/settings/thinking-budget', { mode: 'fixed', budgetTokens: 2048 }), 200);
      },
      async (second) => {
        assert.deepEqual(await expectJson(await second.manage('GET', '/api/settings/system-prompt'), 200), { enabled: true, prompt: 'Be brief.', mode: 'append' });
        assert.deepEqual(await expectJson(await second.manage('GET', '/api/settings/thinking-budget'), 200), { mode: 'fixed', budgetTokens: 2048 });
      },
    );
  });

  it('load with defaults from a database written before these settings existed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omniroute-old-settings-'));
    try {
      // What an older version stored: only the settings it knew about.
      const store = openStore({ dataDir });
      store.settings.setMany({ requireApiKey: false, shutdownGraceMs: 4321 });
      store.close();
      const router = await startRouter({ dataDir });
      try {
        const loaded = await expectJson<Settings>(await router.manage('GET', '/api/settings'), 200);
        assert.equal(loaded.shutdownGraceMs, 4321);
        assert.deepEqual(loaded.systemPrompt, defaultSystemPromptSetting);
        assert.deepEqual(loaded.thinkingBudget, defaultThinkingBudgetSetting);
      } finally {
        await router.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
