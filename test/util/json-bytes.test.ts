import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quotedKeyFinder, valueAfterKey } from '../../main/util/json-bytes.js';

/** Every start of `"key"` in the text, by plain string search. */
function allByDefinition(text: string, key: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(`"${key}"`); at !== -1; at = text.indexOf(`"${key}"`, at + 1)) found.push(at);
  return found;
}

function allByFinder(text: string, key: string): number[] {
  const data = Buffer.from(text);
  const find = quotedKeyFinder(key);
  const found: number[] = [];
  for (let at = find(data, 0); at !== -1; at = find(data, at + 1)) found.push(at);
  return found;
}

describe('quotedKeyFinder', () => {
  it('finds exactly the quoted key, in short text and in long text alike', () => {
    const piece = '"usage":null,"prompt_usage":{},usage":1,"x":"\\"usage\\"","usage" : {"a":1}';
    for (const text of ['"usage":{}', piece, `${piece}${' '.repeat(3000)}${piece}`]) {
      const expected = allByDefinition(text, 'usage');
      assert.ok(expected.length > 0);
      assert.deepEqual(allByFinder(text, 'usage'), expected, `${text.length} bytes`);
    }
  });
});

describe('valueAfterKey', () => {
  it('skips JSON whitespace around the colon and finds no value without one', () => {
    const text = Buffer.from('"a" \t:\r\n 7 "b" 8');
    const start = valueAfterKey(text, 3);
    assert.equal(String.fromCharCode(text[start] as number), '7');
    assert.equal(valueAfterKey(text, text.indexOf('"b"') + 3), -1);
  });
});
