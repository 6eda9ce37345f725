/**
 * Golden files of the translations most likely to go wrong: each holds a complete canonical
 * request and the Anthropic body (and warnings) it must become. Each expected body was read by
 * hand against Anthropic's docs when it was written. `UPDATE_GOLDEN=1` rewrites the expected
 * halves from the current code; read the diff before committing it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { encodeAnthropicRequest } from '../../../main/providers/anthropic/encode-anthropic-request.js';
import type { ChatRequest } from '../../../main/spec/index.js';

interface Golden {
  description: string;
  upstreamModel: string;
  request: ChatRequest;
  expected: { body: unknown; warnings: string[] };
}

const folder = join(import.meta.dirname, 'golden');
const files = readdirSync(folder).filter((name) => name.endsWith('.json')).sort();

describe('Anthropic request golden files', () => {
  it('has golden files to check', () => assert.ok(files.length >= 5));

  for (const file of files) {
    it(file, () => {
      const path = join(folder, file);
      const golden = JSON.parse(readFileSync(path, 'utf8')) as Golden;
      const actual = encodeAnthropicRequest(golden.request, golden.upstreamModel);
      if (process.env.UPDATE_GOLDEN === '1') {
        writeFileSync(path, `${JSON.stringify({ ...golden, expected: actual }, null, 2)}\n`);
        return;
      }
      assert.deepEqual(actual, golden.expected);
    });
  }
});
