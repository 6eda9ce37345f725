/**
 * Detection of coding tools with the real Claude Code, Codex and Gemini CLI packages laid out in
 * a temporary npm prefix and fake home folders: on the PATH, under nvm, under npm's configured
 * prefix, and from a GUI-like environment whose PATH lacks them (the login shell's PATH finds them).
 */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CliTools } from '../../main/cli-tools/cli-tools.js';
import { LoginShellPath } from '../../main/cli-tools/login-shell-path.js';
import { cliTools } from '../../main/cli-tools/tools.js';
import { createFakeHome, type FakeHome } from '../support/fake-home.js';
import { installedVersion, layOutNpmPrefix } from '../support/npm-prefix.js';

const minimalPath = '/usr/bin:/bin';

function toolsFor(home: FakeHome, env: Record<string, string | undefined>): CliTools {
  const fullEnv: Record<string, string | undefined> = { HOME: home.root, ...env };
  return new CliTools({ dataDir: home.path('data'), env: fullEnv, loginShellPath: new LoginShellPath({ shell: fullEnv.SHELL, env: fullEnv }) });
}

describe('CLI tool detection with real installs', () => {
  let home: FakeHome;
  const versions = { claude: installedVersion('@anthropic-ai/claude-code'), codex: installedVersion('@openai/codex'), gemini: installedVersion('@google/gemini-cli') };

  before(() => {
    home = createFakeHome();
  });
  after(() => home.remove());

  it('finds the three CLIs in an npm prefix on the PATH, runs them and reads their versions', async () => {
    const prefix = home.path('prefix-on-path');
    layOutNpmPrefix(prefix);
    const statuses = await toolsFor(home, { PATH: `${join(prefix, 'bin')}:${minimalPath}` }).list();
    for (const id of ['claude', 'codex', 'gemini'] as const) {
      const status = statuses.find((candidate) => candidate.id === id);
      assert.ok(status, id);
      assert.equal(status.installed, true, `${id}: ${status.reason}`);
      assert.equal(status.runnable, true, `${id}: ${status.reason}`);
      assert.equal(status.commandPath, join(prefix, 'bin', id));
      assert.equal(status.command, id);
      assert.equal(status.runtimeMode, 'path');
      assert.equal(status.version, versions[id]);
      assert.ok(status.probed.some((probe) => probe.found && probe.path === status.commandPath));
    }
    assert.deepEqual(statuses.map((status) => status.id), Object.keys(cliTools), 'every tool of the registry is reported, in order');
  });

  it('reports a tool that is not installed with a reason and every path it probed', async () => {
    const statuses = await toolsFor(home, { PATH: minimalPath }).list();
    const crush = statuses.find((status) => status.id === 'crush');
    assert.equal(crush?.installed, false);
    assert.equal(crush?.runnable, false);
    assert.equal(crush?.commandPath, null);
    assert.equal(crush?.runtimeMode, 'none');
    assert.match(crush?.reason ?? '', /crush not found on the PATH/);
    assert.ok(crush?.probed.some((probe) => probe.path === '/usr/bin/crush' && !probe.found));
    assert.ok(crush?.probed.some((probe) => probe.path === home.path('.local', 'bin', 'crush')));
  });

  it('finds a CLI installed under nvm, in the newest Node version that has it, without it being on the PATH', async () => {
    const nvmHome = createFakeHome();
    try {
      layOutNpmPrefix(nvmHome.path('.nvm', 'versions', 'node', 'v20.11.1'), ['@openai/codex']);
      layOutNpmPrefix(nvmHome.path('.nvm', 'versions', 'node', 'v9.11.2'), ['@openai/codex']);
      mkdirSync(nvmHome.path('.nvm', 'versions', 'node', 'v22.1.0', 'bin'), { recursive: true });
      const status = await toolsFor(nvmHome, { PATH: minimalPath }).status(cliTools.codex);
      assert.equal(status.installed, true, status.reason);
      assert.equal(status.runnable, true, status.reason);
      assert.equal(status.commandPath, nvmHome.path('.nvm', 'versions', 'node', 'v20.11.1', 'bin', 'codex'));
      assert.equal(status.runtimeMode, 'install-dir');
      assert.equal(status.version, versions.codex);
    } finally {
      nvmHome.remove();
    }
  });

  it("finds a CLI under npm's configured global prefix (~/.npmrc)", async () => {
    const npmrcHome = createFakeHome();
    try {
      layOutNpmPrefix(npmrcHome.path('custom-npm'), ['@google/gemini-cli']);
      npmrcHome.write('.npmrc', `fund=false\nprefix=~/custom-npm\n`);
      const status = await toolsFor(npmrcHome, { PATH: minimalPath }).status(cliTools.gemini);
      assert.equal(status.commandPath, npmrcHome.path('custom-npm', 'bin', 'gemini'), status.reason);
      assert.equal(status.runnable, true, status.reason);
      assert.equal(status.version, versions.gemini);
    } finally {
      npmrcHome.remove();
    }
  });

  it('from a GUI-like environment (minimal PATH), finds a CLI through the login shell PATH', async () => {
    const guiHome = createFakeHome();
    try {
      // A folder no known-install-dir rule covers: only the user's profile knows about it.
      layOutNpmPrefix(guiHome.path('opt', 'agents'), ['@anthropic-ai/claude-code']);
      guiHome.write('.bash_profile', 'echo "welcome banner"\nexport PATH="$HOME/opt/agents/bin:$PATH"\n');
      const withShell = await toolsFor(guiHome, { PATH: minimalPath, SHELL: '/bin/bash' }).status(cliTools.claude);
      assert.equal(withShell.installed, true, withShell.reason);
      assert.equal(withShell.runnable, true, withShell.reason);
      assert.equal(withShell.commandPath, guiHome.path('opt', 'agents', 'bin', 'claude'));
      assert.equal(withShell.runtimeMode, 'path');
      assert.equal(withShell.version, versions.claude);

      const withoutShell = await toolsFor(guiHome, { PATH: minimalPath }).status(cliTools.claude);
      assert.equal(withoutShell.installed, false, 'without the login shell the same tool is not found');
      assert.match(withoutShell.reason, /process PATH/);
    } finally {
      guiHome.remove();
    }
  });

  it('reports a binary that is found but does not run as installed and not runnable, with why', async () => {
    const brokenHome = createFakeHome();
    try {
      brokenHome.write('.local/bin/aider', '#!/bin/sh\necho "ModuleNotFoundError: No module named aider" >&2\nexit 1\n', 0o755);
      const status = await toolsFor(brokenHome, { PATH: minimalPath }).status(cliTools.aider);
      assert.equal(status.installed, true);
      assert.equal(status.runnable, false);
      assert.equal(status.version, null);
      assert.match(status.reason, /exited with code 1 \(ModuleNotFoundError: No module named aider\)/);
    } finally {
      brokenHome.remove();
    }
  });

  it('reads a version again only when the binary changed (an upgrade)', async () => {
    const upgradeHome = createFakeHome();
    try {
      const script = (version: string) => `#!/bin/sh\necho "crush version ${version}"\n`;
      upgradeHome.write('.local/bin/crush', script('0.9.0'), 0o755);
      const tools = toolsFor(upgradeHome, { PATH: minimalPath });
      assert.equal((await tools.status(cliTools.crush)).version, '0.9.0');
      upgradeHome.write('.local/bin/crush', script('0.10.1'), 0o755);
      assert.equal((await tools.status(cliTools.crush)).version, '0.10.1');
    } finally {
      upgradeHome.remove();
    }
  });

  it('finds VS Code extensions in any editor, newest version first', async () => {
    const editorHome = createFakeHome();
    try {
      mkdirSync(editorHome.path('.vscode', 'extensions', 'saoudrizwan.claude-dev-3.9.2'), { recursive: true });
      mkdirSync(editorHome.path('.cursor', 'extensions', 'saoudrizwan.claude-dev-3.10.0'), { recursive: true });
      mkdirSync(editorHome.path('.vscode-server', 'extensions', 'rooveterinaryinc.roo-cline-3.25.1'), { recursive: true });
      symlinkSync('/nonexistent', editorHome.path('.vscode', 'extensions', 'kilocode.kilo-code'));
      const statuses = await toolsFor(editorHome, { PATH: minimalPath }).list();
      const byId = new Map(statuses.map((status) => [status.id, status]));
      assert.equal(byId.get('cline')?.commandPath, editorHome.path('.cursor', 'extensions', 'saoudrizwan.claude-dev-3.10.0'));
      assert.equal(byId.get('cline')?.version, '3.10.0');
      assert.equal(byId.get('cline')?.runtimeMode, 'extension');
      assert.equal(byId.get('roo')?.installed, true);
      assert.equal(byId.get('kilo')?.installed, false, 'a folder without a version suffix is not an installed extension');
      assert.equal(byId.get('continue')?.installed, false);
      assert.ok(byId.get('continue')?.probed.some((probe) => probe.path === editorHome.path('.vscode-oss', 'extensions')));
    } finally {
      editorHome.remove();
    }
  });
});
