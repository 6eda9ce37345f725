/**
 * Golden files of the Gemini request translations most likely to go wrong, schema sanitising
 * first: each holds a canonical request and the Gemini body (and warnings) it must become. Each
 * expected half was read by hand against Google's Schema reference when written.
 * `UPDATE_GOLDEN=1` rewrites the expected halves from the current code; read the diff.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { encodeGeminiRequest } from '../../../main/providers/gemini/encode-gemini-request.js';
import type { ChatRequest } from '../../../main/spec/index.js';

interface Golden {
  description: string;
  request: ChatRequest;
  expected: { body: unknown; warnings: string[] };
}

const folder = join(import.meta.dirname, 'golden');
const files = readdirSync(folder).filter((name) => name.endsWith('.json')).sort();

describe('Gemini request golden files', () => {
  it('has golden files to check', () => assert.ok(files.length >= 3));

  for (const file of files) {
    it(file, () => {
      const path = join(folder, file);
      const golden = JSON.parse(readFileSync(path, 'utf8')) as Golden;
      const actual = encodeGeminiRequest(golden.request);
      if (process.env.UPDATE_GOLDEN === '1') {
        writeFileSync(path, `${JSON.stringify({ ...golden, expected: actual }, null, 2)}\n`);
        return;
      }
      assert.deepEqual(actual, golden.expected);
    });
  }
});
