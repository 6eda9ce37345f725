import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editJson } from '../../main/cli-tools/edits/json-config.js';
import { getKeyValue, setKeyValueLines } from '../../main/cli-tools/edits/key-value-lines.js';
import { launcherScript, shellQuote } from '../../main/cli-tools/edits/launcher-script.js';
import { unifiedDiff } from '../../main/cli-tools/unified-diff.js';
import { ConfigEditError } from '../../main/cli-tools/config-edit-error.js';

describe('setKeyValueLines', () => {
  it('replaces a dotenv line in place (also after `export`) and appends a missing key', () => {
    const text = '# keys\nexport GEMINI_API_KEY=old\nOTHER=1\n';
    assert.equal(setKeyValueLines(text, 'dotenv', { GEMINI_API_KEY: 'k', GOOGLE_GEMINI_BASE_URL: 'http://127.0.0.1:1' }), '# keys\nGEMINI_API_KEY="k"\nOTHER=1\nGOOGLE_GEMINI_BASE_URL="http://127.0.0.1:1"\n');
  });

  it('only touches top-level YAML keys, not nested ones with the same name', () => {
    const text = 'model: gpt-4\nsettings:\n  model: nested\n';
    const edited = setKeyValueLines(text, 'yaml', { model: 'openai/x' });
    assert.equal(edited, 'model: "openai/x"\nsettings:\n  model: nested\n');
    assert.equal(getKeyValue(edited, 'yaml', 'model'), 'openai/x');
  });

  it('creates a file from nothing', () => {
    assert.equal(setKeyValueLines(null, 'dotenv', { A: 'a b' }), 'A="a b"\n');
  });
});

describe('editJson', () => {
  it('keeps key order and the file indentation', () => {
    const text = '{\n    "b": 1,\n    "a": {"x": true}\n}\n';
    assert.equal(editJson(text, 'f', (config) => void (config.c = 2)), '{\n    "b": 1,\n    "a": {\n        "x": true\n    },\n    "c": 2\n}\n');
  });

  it('refuses JSON with comments rather than dropping them', () => {
    assert.throws(() => editJson('{\n  // mine\n  "a": 1\n}\n', '~/x.json', () => {}), (error) => error instanceof ConfigEditError && /not plain JSON/.test(error.message));
  });
});

describe('unifiedDiff', () => {
  it('shows a new file against /dev/null', () => {
    assert.equal(unifiedDiff('/h/.env', null, 'A=1\nB=2\n'), '--- /dev/null\n+++ b/h/.env\n@@ -0,0 +1,2 @@\n+A=1\n+B=2\n');
  });

  it('gives hunks with three lines of context and correct ranges', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n') + '\n';
    const after = before.replace('5\n', 'five\n');
    assert.equal(unifiedDiff('/f', before, after), '--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n');
    assert.equal(unifiedDiff('/f', before, before), '');
  });
});

describe('launcherScript', () => {
  it('quotes every value so nothing is interpreted by the shell', () => {
    assert.equal(shellQuote("it's $HOME"), `'it'\\''s $HOME'`);
    assert.equal(launcherScript('Goose', '/opt/goose bin/goose', { A: 'x' }).split('\n').slice(2).join('\n'), `export A='x'\nexec '/opt/goose bin/goose' "$@"\n`);
  });
});
