import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getTomlString, setTomlKeys } from '../../main/cli-tools/edits/toml-edit.js';

describe('setTomlKeys', () => {
  const userFile = [
    '# my codex config',
    'model = "gpt-5"  # the default',
    'approval_policy = "on-request"',
    '',
    '[model_providers.azure]',
    'name = "Azure"',
    'base_url = "https://example.openai.azure.com/openai"',
    '',
    '# projects I trust',
    '[projects."/home/me/work"]',
    'trust_level = "trusted"',
    '',
  ].join('\n');

  it('replaces a root key in place and adds a missing one before the first table', () => {
    const edited = setTomlKeys(userFile, null, { model: 'openai/gpt-4o', model_provider: 'omniroute' });
    assert.equal(
      edited,
      userFile.replace('model = "gpt-5"  # the default\napproval_policy = "on-request"\n', 'model = "openai/gpt-4o"\napproval_policy = "on-request"\nmodel_provider = "omniroute"\n'),
    );
  });

  it('appends a missing table at the end, leaving every other line as it was', () => {
    const edited = setTomlKeys(userFile, 'model_providers.omniroute', { name: 'OmniRoute', wire_api: 'responses' });
    assert.equal(edited, userFile + '\n[model_providers.omniroute]\nname = "OmniRoute"\nwire_api = "responses"\n');
  });

  it('replaces keys inside an existing table and adds missing ones after its last key', () => {
    const edited = setTomlKeys(userFile, 'model_providers.azure', { base_url: 'http://127.0.0.1:1/v1', wire_api: 'chat' });
    assert.equal(edited, userFile.replace('base_url = "https://example.openai.azure.com/openai"\n', 'base_url = "http://127.0.0.1:1/v1"\nwire_api = "chat"\n'));
  });

  it('matches a quoted table name, and does not confuse an array of tables with a table', () => {
    const text = '[[model_providers.omniroute]]\nname = "x"\n\n[ "model_providers" . omniroute ]\nname = "old"\n';
    assert.equal(setTomlKeys(text, 'model_providers.omniroute', { name: 'new' }), text.replace('name = "old"', 'name = "new"'));
  });

  it('escapes strings as TOML basic strings and keeps CRLF line endings', () => {
    const edited = setTomlKeys('a = 1\r\n', null, { token: 'quote " back \\ slash' });
    assert.equal(edited, 'a = 1\r\ntoken = "quote \\" back \\\\ slash"\r\n');
    assert.equal(getTomlString(edited, null, 'token'), 'quote " back \\ slash');
  });

  it('is idempotent and writes an empty document from scratch', () => {
    const once = setTomlKeys(setTomlKeys('', null, { model_provider: 'omniroute' }), 'model_providers.omniroute', { name: 'OmniRoute' });
    assert.equal(once, 'model_provider = "omniroute"\n\n[model_providers.omniroute]\nname = "OmniRoute"\n');
    assert.equal(setTomlKeys(setTomlKeys(once, null, { model_provider: 'omniroute' }), 'model_providers.omniroute', { name: 'OmniRoute' }), once);
  });

  it('reads single-line strings of a table', () => {
    assert.equal(getTomlString(userFile, 'model_providers.azure', 'name'), 'Azure');
    assert.equal(getTomlString(userFile, 'model_providers.missing', 'name'), null);
    assert.equal(getTomlString("k = 'literal'\n", null, 'k'), 'literal');
  });
});
