import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultDataDir, resolveDataDir } from '../../main/util/data-dir.js';

describe('defaultDataDir', () => {
  it('uses $XDG_CONFIG_HOME on Linux', () => {
    const dataDir = defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg/config' }, homeDir: '/home/ada' });
    assert.equal(dataDir, '/xdg/config/omniroute-desktop');
  });

  it('falls back to ~/.config on Linux when XDG_CONFIG_HOME is unset, empty or relative', () => {
    for (const env of [{}, { XDG_CONFIG_HOME: '' }, { XDG_CONFIG_HOME: 'relative/config' }]) {
      assert.equal(defaultDataDir({ platform: 'linux', env, homeDir: '/home/ada' }), '/home/ada/.config/omniroute-desktop');
    }
  });

  it('treats other Unix platforms like Linux', () => {
    assert.equal(defaultDataDir({ platform: 'freebsd', env: {}, homeDir: '/home/ada' }), '/home/ada/.config/omniroute-desktop');
  });

  it('uses Application Support on macOS, ignoring XDG_CONFIG_HOME', () => {
    const dataDir = defaultDataDir({ platform: 'darwin', env: { XDG_CONFIG_HOME: '/xdg' }, homeDir: '/Users/ada' });
    assert.equal(dataDir, '/Users/ada/Library/Application Support/OmniRoute Desktop');
  });

  it('uses %APPDATA% on Windows', () => {
    const dataDir = defaultDataDir({ platform: 'win32', env: { APPDATA: 'D:\\Roaming' }, homeDir: 'C:\\Users\\ada' });
    assert.equal(dataDir, 'D:\\Roaming\\OmniRoute Desktop');
  });

  it('falls back to the usual roaming folder on Windows when APPDATA is unset', () => {
    const dataDir = defaultDataDir({ platform: 'win32', env: {}, homeDir: 'C:\\Users\\ada' });
    assert.equal(dataDir, 'C:\\Users\\ada\\AppData\\Roaming\\OmniRoute Desktop');
  });
});

describe('resolveDataDir', () => {
  const machine = { platform: 'linux', homeDir: '/home/ada' } as const;

  it('prefers --data-dir over DATA_DIR', () => {
    assert.equal(resolveDataDir({ ...machine, cliValue: '/from/cli', env: { DATA_DIR: '/from/env' } }), '/from/cli');
  });

  it('prefers DATA_DIR over the default', () => {
    assert.equal(resolveDataDir({ ...machine, env: { DATA_DIR: '/from/env' } }), '/from/env');
  });

  it('uses the default when neither is given', () => {
    assert.equal(resolveDataDir({ ...machine, env: {} }), '/home/ada/.config/omniroute-desktop');
  });

  it('treats empty values as unset', () => {
    assert.equal(resolveDataDir({ ...machine, cliValue: '', env: { DATA_DIR: '/from/env' } }), '/from/env');
    assert.equal(resolveDataDir({ ...machine, env: { DATA_DIR: ' ' } }), '/home/ada/.config/omniroute-desktop');
  });
});
