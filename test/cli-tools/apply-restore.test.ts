/**
 * Apply then restore, for every tool whose setup edits files: the user's own config (with
 * comments and unrelated keys) comes back byte for byte with its mode, a file that did not exist
 * is deleted again, a preview writes nothing, and a second apply keeps the first backup.
 */
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { CliTools, type ApplyInput } from '../../main/cli-tools/cli-tools.js';
import { LoginShellPath } from '../../main/cli-tools/login-shell-path.js';
import type { CliToolDefinition } from '../../main/cli-tools/tool-definition.js';
import { cliTools } from '../../main/cli-tools/tools.js';
import { GatewayError } from '../../main/errors/gateway-error.js';
import { createFakeHome, type FakeHome } from '../support/fake-home.js';

const target: ApplyInput = { baseUrl: 'http://127.0.0.1:20999', apiKey: 'sk-omni-test-key-0123456789', model: 'up/model-one', modelMap: { haiku: 'up/small' } };

/** A realistic existing config per tool file (home-relative path -> content). */
const userConfigs: Record<string, Record<string, string>> = {
  claude: { '.claude/settings.json': '{\n  "permissions": { "allow": ["Bash(npm test)"] },\n  "env": { "ANTHROPIC_API_KEY": "sk-ant-mine", "FOO": "bar" },\n  "model": "opus"\n}\n' },
  codex: { '.codex/config.toml': '# mine\nmodel = "gpt-5" # default\n\n[model_providers.azure]\nname = "Azure"\n\n[projects."/w"]\ntrust_level = "trusted"\n' },
  gemini: { '.gemini/.env': '# Gemini\nGEMINI_API_KEY=AIza-mine\nDEBUG=1\n', '.gemini/settings.json': '{"theme":"Dracula","security":{"auth":{"selectedType":"oauth-personal"}}}' },
  qwen: { '.qwen/.env': 'OPENAI_API_KEY=mine\n', '.qwen/settings.json': '{\n\t"ui": {"theme": "Default"}\n}\n' },
  droid: { '.factory/settings.json': '{\n  "customModels": [\n    { "model": "mine", "baseUrl": "https://api.example.com/v1", "apiKey": "x", "provider": "openai" }\n  ]\n}\n' },
  opencode: { '.config/opencode/opencode.json': '{\n  "$schema": "https://opencode.ai/config.json",\n  "theme": "tokyonight"\n}\n' },
  crush: { '.config/crush/crush.json': '{ "providers": { "openai": { "api_key": "$OPENAI_API_KEY" } } }\n' },
  openclaw: { '.openclaw/openclaw.json': '{\n  "models": { "mode": "merge" },\n  "agents": {}\n}\n' },
  aider: { '.aider.conf.yml': '# aider\ndark-mode: true\nmodel: sonnet\n' },
};

/** CliTools over a fresh fake home, removed after the suite. */
function freshTools(): { home: FakeHome; tools: CliTools } {
  const home = createFakeHome();
  after(() => home.remove());
  const env = { HOME: home.root, PATH: '/usr/bin:/bin' };
  return { home, tools: new CliTools({ dataDir: home.path('omniroute-data'), env, loginShellPath: new LoginShellPath({ shell: undefined, env }) }) };
}

const writingTools = Object.values(cliTools as Record<string, CliToolDefinition>).filter((tool) => tool.files.length > 0);

describe('apply and restore of CLI tool configs', () => {
  const { home, tools } = freshTools();

  it('covers every tool that writes files', () => {
    assert.deepEqual(writingTools.map((tool) => tool.id).sort(), [...Object.keys(userConfigs), 'goose'].sort());
  });

  for (const tool of writingTools) {
    const fixtures = userConfigs[tool.id];
    if (fixtures) {
      it(`${tool.id}: an existing config comes back byte for byte, mode included`, async () => {
        const paths = Object.entries(fixtures).map(([relative, content]) => home.write(relative, content, 0o640));
        const originals = paths.map((path) => readFileSync(path));

        const preview = await tools.apply(tool, target, { preview: true });
        assert.match(preview.diff, /^\+.*127\.0\.0\.1:20999/m, 'the preview shows the change');
        paths.forEach((path, index) => assert.deepEqual(readFileSync(path), originals[index], 'a preview writes nothing'));

        await tools.apply(tool, target, { preview: false });
        for (const [index, path] of paths.entries()) {
          assert.notDeepEqual(readFileSync(path), originals[index], `${path} was edited`);
          assert.equal(statSync(path).mode & 0o777, 0o640, 'the mode is kept');
        }
        assert.ok(paths.some((path) => readFileSync(path, 'utf8').includes('127.0.0.1:20999')), 'the config points at the router');
        const applied = await tools.settings(tool, target);
        assert.equal(applied.config.pointsAtRouter, true);
        assert.equal(applied.config.backupExists, true);

        // A second apply (another model) must not replace the backup of the user's own file.
        await tools.apply(tool, { ...target, model: 'up/model-two' }, { preview: false });
        const restored = tools.restore(tool);
        // Files the user did not have (a launcher next to an existing config) are deleted again.
        assert.deepEqual(restored.map((entry) => entry.result), restored.map((entry) => (paths.includes(entry.path) ? 'restored' : 'deleted')));
        assert.deepEqual(restored.filter((entry) => entry.result === 'restored').map((entry) => entry.path).sort(), [...paths].sort());
        restored.filter((entry) => entry.result === 'deleted').forEach((entry) => assert.equal(existsSync(entry.path), false));
        paths.forEach((path, index) => {
          assert.deepEqual(readFileSync(path), originals[index], `${path} is byte-identical`);
          assert.equal(statSync(path).mode & 0o777, 0o640);
        });
        const after = await tools.settings(tool, target);
        assert.equal(after.config.backupExists, false);
        assert.equal(after.config.pointsAtRouter, false);
      });
    }

    it(`${tool.id}: a config that did not exist is deleted again by restore`, async () => {
      const { tools } = freshTools();
      const paths = tool.files.map((spec) => spec.path(tools.environment));
      paths.forEach((path) => assert.equal(existsSync(path), false, `${path} starts missing`));
      await tools.apply(tool, target, { preview: false });
      for (const [index, path] of paths.entries()) {
        assert.equal(existsSync(path), true);
        assert.equal(statSync(path).mode & 0o777, tool.files[index]?.mode ?? 0o600, 'created owner-only (it holds the key)');
      }
      const restored = tools.restore(tool);
      assert.deepEqual(restored.map((entry) => entry.result), paths.map(() => 'deleted'));
      paths.forEach((path) => assert.equal(existsSync(path), false, `${path} is gone again`));
    });
  }

  it('writes what each tool reads', async () => {
    const { home, tools } = freshTools();
    await tools.apply(cliTools.claude, target, { preview: false });
    const claude = JSON.parse(readFileSync(home.path('.claude', 'settings.json'), 'utf8')) as { env: Record<string, string> };
    assert.deepEqual(claude.env, { ANTHROPIC_BASE_URL: target.baseUrl, ANTHROPIC_AUTH_TOKEN: target.apiKey, ANTHROPIC_MODEL: 'up/model-one', ANTHROPIC_DEFAULT_HAIKU_MODEL: 'up/small' });
    tools.restore(cliTools.claude);

    await tools.apply(cliTools.codex, target, { preview: false });
    assert.equal(
      readFileSync(home.path('.codex', 'config.toml'), 'utf8'),
      'model_provider = "omniroute"\nmodel = "up/model-one"\n\n[model_providers.omniroute]\nname = "OmniRoute"\nbase_url = "http://127.0.0.1:20999/v1"\nwire_api = "responses"\nexperimental_bearer_token = "sk-omni-test-key-0123456789"\n',
    );
    tools.restore(cliTools.codex);

    const goose = await tools.apply(cliTools.goose, target, { preview: false });
    assert.deepEqual(goose.exportLines, [
      "export GOOSE_PROVIDER='openai'",
      "export OPENAI_HOST='http://127.0.0.1:20999'",
      "export OPENAI_BASE_PATH='v1/chat/completions'",
      "export OPENAI_API_KEY='sk-omni-test-key-0123456789'",
      "export GOOSE_MODEL='up/model-one'",
    ]);
    assert.match(readFileSync(home.path('.local', 'bin', 'omniroute-goose'), 'utf8'), /^exec 'goose' "\$@"$/m, 'goose not installed: the launcher runs it from the PATH');
    tools.restore(cliTools.goose);
  });

  it('edits a symlinked config where it lives and keeps the link', async () => {
    const { home, tools } = freshTools();
    const real = home.write('dotfiles/claude.json', '{"model":"opus"}\n');
    mkdirSync(home.path('.claude'));
    symlinkSync(real, home.path('.claude', 'settings.json'));
    await tools.apply(cliTools.claude, target, { preview: false });
    assert.equal(lstatSync(home.path('.claude', 'settings.json')).isSymbolicLink(), true);
    assert.equal(readlinkSync(home.path('.claude', 'settings.json')), real);
    assert.match(readFileSync(real, 'utf8'), /ANTHROPIC_BASE_URL/);
    tools.restore(cliTools.claude);
    assert.equal(readFileSync(real, 'utf8'), '{"model":"opus"}\n');
  });

  it('will not undo edits made after apply unless forced', async () => {
    const { home, tools } = freshTools();
    const original = '{\n  "model": "opus"\n}\n';
    const file = home.write('.claude/settings.json', original, 0o600);
    await tools.apply(cliTools.claude, target, { preview: false });
    const applied = readFileSync(file, 'utf8');
    writeFileSync(file, applied.replace('"model": "opus"', '"model": "opus",\n  "theme": "dark"'));
    assert.throws(() => tools.restore(cliTools.claude), (error) => error instanceof GatewayError && error.status === 409 && error.message.includes(file));
    assert.match(readFileSync(file, 'utf8'), /"theme": "dark"/, 'a refused restore changes nothing');
    tools.restore(cliTools.claude, { force: true });
    assert.equal(readFileSync(file, 'utf8'), original);
  });

  it('backs up a file when an apply first changes it, even if an earlier apply left it alone', async () => {
    const { home, tools } = freshTools();
    // Already what apply would write: the first apply does not touch (or back up) this file.
    const settings = home.write('.gemini/settings.json', '{\n  "security": {\n    "auth": {\n      "selectedType": "gemini-api-key"\n    }\n  }\n}\n', 0o600);
    await tools.apply(cliTools.gemini, target, { preview: false });
    const userVersion = '{"security":{"auth":{"selectedType":"oauth-personal"}}}';
    writeFileSync(settings, userVersion);
    await tools.apply(cliTools.gemini, target, { preview: false });
    assert.match(readFileSync(settings, 'utf8'), /gemini-api-key/);
    const restored = tools.restore(cliTools.gemini);
    assert.deepEqual(restored.find((entry) => entry.path === settings), { path: settings, result: 'restored' });
    assert.equal(readFileSync(settings, 'utf8'), userVersion);
    assert.equal(existsSync(home.path('.gemini', '.env')), false);
  });

  it('refuses a config it cannot parse, a tool that needs a model, and a restore without backup', async () => {
    const { home, tools } = freshTools();
    const broken = home.write('.factory/settings.json', '{\n  // my models\n  "customModels": []\n}\n');
    await assert.rejects(tools.apply(cliTools.droid, target, { preview: false }), (error) => error instanceof GatewayError && error.status === 409 && /not plain JSON/.test(error.message));
    assert.equal(readFileSync(broken, 'utf8'), '{\n  // my models\n  "customModels": []\n}\n');
    await assert.rejects(tools.apply(cliTools.openclaw, { ...target, model: null }, { preview: true }), (error) => error instanceof GatewayError && error.status === 400);
    assert.throws(() => tools.restore(cliTools.droid), (error) => error instanceof GatewayError && error.status === 409);
  });
});
