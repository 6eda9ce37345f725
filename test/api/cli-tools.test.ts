/**
 * `/api/cli-tools` and `/api/acp/agents` through the real server, whose tool detection looks at a
 * fake home and a PATH holding the real Claude Code, Codex and Gemini CLI packages.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CreatedApiKeyDto } from '../../shared/api-types.js';
import type { AcpAgentDto, AcpAgentsDto, CliToolApplyResultDto, CliToolSettingsDto, CliToolStatusDto } from '../../shared/cli-tools-types.js';
import { createFakeHome, type FakeHome } from '../support/fake-home.js';
import { installedVersion, layOutNpmPrefix } from '../support/npm-prefix.js';
import { expectAdminOnly, expectJson, expectManagementError } from '../support/management-error.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

const statusFields = ['command', 'commandPath', 'id', 'installed', 'kind', 'name', 'probed', 'reason', 'runnable', 'runtimeMode', 'version'];

describe('/api/cli-tools and /api/acp/agents', () => {
  let home: FakeHome;
  let router: TestRouter;

  before(async () => {
    home = createFakeHome();
    layOutNpmPrefix(home.path('npm-global'));
    router = await startRouter({ env: { HOME: home.root, PATH: `${home.path('npm-global', 'bin')}:/usr/bin:/bin` } });
  });
  after(async () => {
    await router?.close();
    home?.remove();
  });

  const post = (tool: string, body: unknown) => router.manage('POST', `/api/cli-tools/${tool}-settings`, body);
  const keyCount = async () => (await expectJson<{ data: unknown[] }>(await router.manage('GET', '/api/keys'), 200)).data.length;

  it('is for the admin only', async () => {
    await expectAdminOnly(router.url, [
      ['GET', '/api/cli-tools'],
      ['GET', '/api/cli-tools/claude-settings'],
      ['POST', '/api/cli-tools/claude-settings'],
      ['GET', '/api/acp/agents'],
      ['POST', '/api/acp/agents'],
    ]);
  });

  it('GET /api/cli-tools lists every tool in the seed shape, with the paths probed', async () => {
    const { tools } = await expectJson<{ tools: CliToolStatusDto[] }>(await router.manage('GET', '/api/cli-tools'), 200);
    assert.equal(tools.length, 15);
    for (const tool of tools) assert.deepEqual(Object.keys(tool).sort(), statusFields);
    const claude = tools.find((tool) => tool.id === 'claude');
    assert.equal(claude?.installed, true, claude?.reason);
    assert.equal(claude?.version, installedVersion('@anthropic-ai/claude-code'));
    assert.equal(claude?.commandPath, home.path('npm-global', 'bin', 'claude'));
    const refreshed = await expectJson<{ tools: CliToolStatusDto[] }>(await router.manage('GET', '/api/cli-tools?refresh=true'), 200);
    assert.deepEqual(refreshed.tools, tools, 'looking again finds the same');
    const goose = tools.find((tool) => tool.id === 'goose');
    assert.equal(goose?.installed, false);
    assert.ok((goose?.probed.length ?? 0) > 5, 'a missing tool says where it was looked for');
  });

  it('GET /api/cli-tools/{tool}-settings reports status and config state', async () => {
    const settings = await expectJson<CliToolSettingsDto>(await router.manage('GET', '/api/cli-tools/codex-settings'), 200);
    assert.deepEqual(Object.keys(settings).sort(), [...statusFields, 'baseUrl', 'config', 'instructions', 'setupMode'].sort());
    assert.equal(settings.runnable, true, settings.reason);
    assert.equal(settings.runtimeMode, 'path');
    assert.equal(settings.baseUrl, router.url);
    assert.deepEqual(settings.config, { files: [{ path: home.path('.codex', 'config.toml'), format: 'toml', exists: false, pointsAtRouter: false }], pointsAtRouter: false, backupExists: false, backupCreatedAt: null });
    const runtime = await expectJson<CliToolStatusDto>(await router.manage('GET', '/api/cli-tools/runtime/gemini'), 200);
    assert.equal(runtime.version, installedVersion('@google/gemini-cli'));
  });

  it('answers 404 for an unknown tool or route and 400 for a bad action', async () => {
    await expectManagementError(await router.manage('GET', '/api/cli-tools/vim-settings'), 404, 'not_found');
    await expectManagementError(await router.manage('GET', '/api/cli-tools/claude'), 404, 'not_found');
    await expectManagementError(await router.manage('GET', '/api/cli-tools/runtime/constructor'), 404, 'not_found');
    await expectManagementError(await post('vim', { action: 'apply' }), 404, 'not_found');
    await expectManagementError(await post('claude', { action: 'explode' }), 400, 'invalid_request', 'action');
    await expectManagementError(await post('claude', { action: 'apply', extra: 1 }), 400, 'invalid_request');
    await expectManagementError(await post('claude', { action: 'restore' }), 409, 'conflict');
  });

  it('a preview returns the diff and writes nothing, creating no key', async () => {
    const keys = await keyCount();
    const result = await expectJson<CliToolApplyResultDto>(await post('claude', { action: 'apply', preview: true, model: 'up/m' }), 200);
    assert.equal(result.preview, true);
    assert.equal(result.createdKey, null);
    const file = home.path('.claude', 'settings.json');
    assert.equal(
      result.diff,
      `--- /dev/null\n+++ b${file}\n@@ -0,0 +1,7 @@\n+{\n+  "env": {\n+    "ANTHROPIC_BASE_URL": "${router.url}",\n+    "ANTHROPIC_AUTH_TOKEN": "<your OmniRoute API key>",\n+    "ANTHROPIC_MODEL": "up/m"\n+  }\n+}\n`,
    );
    assert.equal(existsSync(file), false);
    assert.equal(await keyCount(), keys);
  });

  it('apply with an existing key writes it (and only shows its preview), restore puts the file back', async () => {
    const created = await expectJson<CreatedApiKeyDto>(await router.manage('POST', '/api/keys', { name: 'mine' }), 201);
    await expectManagementError(await post('codex', { action: 'apply', apiKey: 'sk-omni-not-a-real-key' }), 400, 'invalid_request', 'apiKey');
    const original = home.write('.codex/config.toml', '# my settings\nmodel = "o3"\n', 0o600);
    const result = await expectJson<CliToolApplyResultDto>(await post('codex', { action: 'apply', apiKey: created.key }), 200);
    assert.equal(result.createdKey, null);
    assert.ok(result.diff.includes(created.preview), result.diff);
    assert.ok(!result.diff.includes(created.key));
    assert.match(readFileSync(original, 'utf8'), new RegExp(`experimental_bearer_token = "${created.key}"`));
    assert.equal(result.settings.config.backupExists, true);
    writeFileSync(original, readFileSync(original, 'utf8') + '# added after apply\n');
    await expectManagementError(await post('codex', { action: 'restore' }), 409, 'conflict');
    const restored = await expectJson<{ restored: unknown }>(await post('codex', { action: 'restore', force: true }), 200);
    assert.deepEqual(restored.restored, [{ path: original, result: 'restored' }]);
    assert.equal(readFileSync(original, 'utf8'), '# my settings\nmodel = "o3"\n');
  });

  it('environment tools get exact export lines, manual tools instructions with the key masked', async () => {
    const goose = await expectJson<CliToolApplyResultDto>(await post('goose', { action: 'apply', model: 'up/m' }), 200);
    assert.ok(goose.createdKey);
    assert.ok(goose.exportLines.includes(`export OPENAI_API_KEY='${goose.createdKey.key}'`), 'export lines are exact, ready to paste');
    assert.ok(!goose.diff.includes(goose.createdKey.key) && goose.diff.includes(goose.createdKey.preview), 'the diff shows only the key preview');
    assert.match(readFileSync(home.path('.local', 'bin', 'omniroute-goose'), 'utf8'), new RegExp(goose.createdKey.key), 'the launcher has the real key');
    await expectJson(await post('goose', { action: 'restore' }), 200);

    const cline = await expectJson<CliToolApplyResultDto>(await post('cline', { action: 'apply', preview: true, model: 'up/m' }), 200);
    assert.equal(cline.diff, '');
    assert.equal(cline.settings.setupMode, 'manual');
    assert.match(cline.settings.instructions ?? '', new RegExp(`Base URL: ${router.url}/v1\\nAPI Key: <your OmniRoute API key>\\nModel ID: up/m`));
  });

  it('GET /api/acp/agents lists built-in agents with detection, in the seed shape', async () => {
    const body = await expectJson<AcpAgentsDto>(await router.manage('GET', '/api/acp/agents'), 200);
    const gemini = body.agents.find((agent) => agent.id === 'gemini');
    assert.deepEqual(gemini, { id: 'gemini', name: 'Gemini CLI', binary: 'gemini', version: installedVersion('@google/gemini-cli'), installed: true, protocol: 'acp', args: ['--acp'], isCustom: false, commandPath: home.path('npm-global', 'bin', 'gemini') });
    const installed = body.agents.filter((agent) => agent.installed).length;
    assert.deepEqual(body.summary, { total: body.agents.length, installed, notFound: body.agents.length - installed, builtIn: body.agents.length, custom: 0 });
  });

  it('custom ACP agents are added, listed, refreshed and removed', async () => {
    const binary = home.path('npm-global', 'bin', 'gemini');
    const added = await expectJson<AcpAgentDto>(await router.manage('POST', '/api/acp/agents', { name: 'My Gemini', binary, args: ['--acp'] }), 201);
    assert.equal(added.id, 'custom-my-gemini');
    assert.equal(added.isCustom, true);
    assert.equal(added.installed, true);
    assert.equal(added.commandPath, binary);
    const refreshed = await expectJson<AcpAgentsDto>(await router.manage('POST', '/api/acp/agents', { action: 'refresh' }), 200);
    assert.equal(refreshed.summary.custom, 1);
    await expectManagementError(await router.manage('POST', '/api/acp/agents', { action: 'explode' }), 400, 'invalid_request', 'action');
    await expectManagementError(await router.manage('POST', '/api/acp/agents', { id: 'gemini', name: 'x', binary: 'x' }), 409, 'conflict');
    await expectManagementError(await router.manage('DELETE', '/api/acp/agents'), 400, 'invalid_request', 'id');
    assert.equal((await router.manage('DELETE', '/api/acp/agents?id=custom-my-gemini')).status, 204);
    await expectManagementError(await router.manage('DELETE', '/api/acp/agents?id=custom-my-gemini'), 404, 'not_found');
    assert.equal((await expectJson<AcpAgentsDto>(await router.manage('GET', '/api/acp/agents'), 200)).summary.custom, 0);
  });
});
