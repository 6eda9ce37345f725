import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { anthropicMessagesFormat } from '../../../main/formats/anthropic-messages/anthropic-messages-format.js';

/**
 * Golden files for the tricky decodes: `<case>.request.json` (what Claude Code or the SDK sends)
 * and `<case>.canonical.json` (the canonical request, reviewed by hand). UPDATE_GOLDEN=1 rewrites
 * the canonical files; review the diff before keeping it.
 */
const folder = join(fileURLToPath(new URL('.', import.meta.url)), 'golden');
const cases = readdirSync(folder)
  .filter((name) => name.endsWith('.request.json'))
  .map((name) => name.slice(0, -'.request.json'.length))
  .sort();

describe('anthropic-messages golden decodes', () => {
  it('has golden cases', () => {
    assert.ok(cases.length >= 5, `found ${cases.length}`);
  });

  for (const name of cases) {
    it(name, () => {
      const request = JSON.parse(readFileSync(join(folder, `${name}.request.json`), 'utf8')) as unknown;
      // Through JSON, as the canonical request is compared with a JSON file: undefined fields vanish.
      const decoded = JSON.parse(JSON.stringify(anthropicMessagesFormat.decodeRequest(request))) as unknown;
      const expectedPath = join(folder, `${name}.canonical.json`);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedPath, JSON.stringify(decoded, null, 2) + '\n');
      assert.deepEqual(decoded, JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
});
