/**
 * One-click setup, end to end: after `POST /api/cli-tools/{tool}-settings {action: "apply"}`, the
 * real `claude -p` and `codex exec` (and Gemini CLI through its launcher), started with no routing environment at all (only HOME, a
 * PATH and the switches that keep them offline), reach the router, which requires API keys, and
 * the upstream simulator receives their requests. Restore then removes what apply wrote.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CliToolApplyResultDto, CliToolRestoreResultDto, CliToolSettingsDto } from '../../shared/cli-tools-types.js';
import { runAgent } from '../agents/run-agent.js';
import { startAnthropicSimulator, type AnthropicSimulator } from '../support/anthropic-simulator.js';
import { startOpenAiSimulator, type OpenAiSimulator } from '../support/openai-simulator.js';
import { startRouter, type TestRouter } from '../support/start-router.js';
import { createFakeHome, type FakeHome } from '../support/fake-home.js';
import { layOutNpmPrefix } from '../support/npm-prefix.js';

describe('Claude Code, Codex and Gemini CLI reach the router after apply, with no extra environment', () => {
  let home: FakeHome;
  let openAi: OpenAiSimulator;
  let anthropic: AnthropicSimulator;
  let router: TestRouter;
  let agentPath: string;

  before(async () => {
    home = createFakeHome();
    layOutNpmPrefix(home.path('npm-global'));
    mkdirSync(home.path('project'));
    agentPath = `${home.path('npm-global', 'bin')}:/usr/bin:/bin`;
    openAi = await startOpenAiSimulator({ models: ['gpt-4o-mini'] });
    anthropic = await startAnthropicSimulator({ models: ['claude-sonnet-4-6'] });
    router = await startRouter({ env: { HOME: home.root, PATH: agentPath } });
    await router.addProvider({ name: 'up', kind: 'openai', baseUrl: openAi.url, apiKey: openAi.apiKey, models: openAi.models });
    await router.addProvider({ name: 'an', kind: 'anthropic', baseUrl: anthropic.url, apiKey: anthropic.apiKey, models: anthropic.models });
    // With keys required, an answer proves the tool sent the key apply wrote.
    assert.equal((await router.manage('PUT', '/api/settings', { requireApiKey: true })).status, 200);
  });
  after(async () => {
    await router?.close();
    await openAi?.close();
    await anthropic?.close();
    home?.remove();
  });

  const apply = async (tool: string, body: Record<string, unknown>): Promise<CliToolApplyResultDto> => {
    const response = await router.manage('POST', `/api/cli-tools/${tool}-settings`, { action: 'apply', ...body });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as CliToolApplyResultDto;
  };
  const restore = async (tool: string): Promise<CliToolRestoreResultDto> => {
    const response = await router.manage('POST', `/api/cli-tools/${tool}-settings`, { action: 'restore' });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as CliToolRestoreResultDto;
  };
  const commandOf = async (tool: string): Promise<string> => {
    const settings = (await (await router.manage('GET', `/api/cli-tools/${tool}-settings`)).json()) as CliToolSettingsDto;
    assert.equal(settings.runnable, true, settings.reason);
    assert.ok(settings.commandPath);
    return settings.commandPath;
  };

  it('claude -p answers through the router after apply', async () => {
    openAi.respondWith(() => ({ text: 'Routed answer: BLUEBERRY-9' }));
    const applied = await apply('claude', { model: 'up/gpt-4o-mini', modelMap: { haiku: 'up/gpt-4o-mini' } });
    assert.ok(applied.createdKey, 'a key was created for Claude Code');
    assert.equal(applied.settings.config.pointsAtRouter, true);
    assert.doesNotMatch(applied.diff, new RegExp(applied.createdKey.key), 'the diff never shows the key');
    const before = openAi.requests.length;
    const { stdout } = await runAgent(await commandOf('claude'), ['-p', 'Say the routed answer.'], {
      cwd: home.path('project'),
      timeoutMs: 90_000,
      // No ANTHROPIC_* variable: base URL, key and model come from ~/.claude/settings.json.
      env: { HOME: home.root, PATH: agentPath, DISABLE_TELEMETRY: '1', DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' },
    });
    assert.match(stdout, /BLUEBERRY-9/, stdout);
    assert.ok(openAi.requests.length > before, 'the upstream simulator received the request');
    const restored = await restore('claude');
    assert.deepEqual(restored.restored, [{ path: home.path('.claude', 'settings.json'), result: 'deleted' }]);
  });

  it('codex exec answers through the router after apply', async () => {
    anthropic.respondWith(() => ({ text: 'Routed answer: KIWI-31' }));
    const applied = await apply('codex', { model: 'an/claude-sonnet-4-6' });
    assert.ok(applied.createdKey);
    const before = anthropic.requests.length;
    const { stdout, stderr } = await runAgent(await commandOf('codex'), ['exec', '--skip-git-repo-check', 'Say the routed answer.'], {
      cwd: home.path('project'),
      timeoutMs: 90_000,
      env: { HOME: home.root, PATH: agentPath },
    });
    assert.match(stdout + stderr, /KIWI-31/, `${stdout}\n${stderr}`);
    assert.ok(anthropic.requests.length > before, 'the upstream simulator received the request');
    await restore('codex');
    assert.equal(existsSync(join(home.root, '.codex', 'config.toml')), false);
  });

  it('gemini -p answers through the router after apply, through ~/.gemini/.env and through the launcher', async () => {
    openAi.respondWith(() => ({ text: 'Routed answer: PAPAYA-5' }));
    const applied = await apply('gemini', { model: 'up/gpt-4o-mini' });
    const launcher = home.path('.local', 'bin', 'omniroute-gemini');
    assert.ok(applied.files.includes(launcher));
    // Headless Gemini CLI runs only in a folder the user trusted (and reads ~/.gemini/.env only there).
    home.write('.gemini/trustedFolders.json', JSON.stringify({ [home.path('project')]: 'TRUST_FOLDER' }));
    for (const command of [await commandOf('gemini'), launcher]) {
      const before = openAi.requests.length;
      const { stdout, stderr } = await runAgent(command, ['-p', 'Say the routed answer.'], { cwd: home.path('project'), timeoutMs: 90_000, env: { HOME: home.root, PATH: agentPath } });
      assert.match(stdout, /PAPAYA-5/, `${command}\n${stdout}\n${stderr}`);
      assert.ok(openAi.requests.length > before, `${command}: the upstream simulator received the request`);
    }
    await restore('gemini');
    assert.equal(existsSync(launcher), false);
  });
});
