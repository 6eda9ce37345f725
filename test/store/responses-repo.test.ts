import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, it } from 'node:test';
import type { Store } from '../../main/store/index.js';
import { storePerTest } from './fixtures.js';

const stored = (store: Store): number => store.db.prepare<[], number>('SELECT COUNT(*) FROM responses').pluck().get() ?? 0;

describe('ResponsesRepo', () => {
  let store: Store;
  const reopen = storePerTest((opened) => (store = opened));

  const record = (id: string, text: string) => ({ id, model: 'sim/gpt-4o', createdAt: 1_700_000_000, messages: [{ role: 'assistant', content: [{ type: 'text', text }] }] });

  it('serves a response at once, and writes it on a later turn, not on the caller’s', async () => {
    store.responses.put(record('resp_1', 'first'));
    assert.equal(stored(store), 0, 'nothing written on the turn of the request');
    assert.deepEqual(store.responses.get('resp_1'), record('resp_1', 'first'));
    store.responses.put(record('resp_2', 'second'));
    store.responses.put(record('resp_1', 'first, again'));
    await nextTurn();
    assert.equal(stored(store), 2, 'both written in one later turn');
    assert.deepEqual(store.responses.get('resp_1'), record('resp_1', 'first, again'));
  });

  it('returns a copy, as a stored row would be', () => {
    store.responses.put(record('resp_1', 'first'));
    const read = store.responses.get('resp_1') as { messages: { content: { text: string }[] }[] };
    read.messages[0]!.content[0]!.text = 'changed by the reader';
    assert.deepEqual(store.responses.get('resp_1'), record('resp_1', 'first'));
  });

  it('writes what is pending when the store closes', () => {
    store.responses.put(record('resp_1', 'first'));
    reopen();
    assert.deepEqual(store.responses.get('resp_1'), record('resp_1', 'first'));
    assert.equal(stored(store), 1);
  });

  it('prunes pending rows too', () => {
    store.responses.put({ ...record('resp_old', 'old'), createdAt: 100 });
    store.responses.put(record('resp_new', 'new'));
    assert.equal(store.responses.prune(1_000), 1);
    assert.equal(store.responses.get('resp_old'), undefined);
    assert.ok(store.responses.get('resp_new'));
  });
});
