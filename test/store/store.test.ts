import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openStore } from '../../main/store/index.js';
import { createTempDir, removeTempDir } from './fixtures.js';

describe('openStore', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = createTempDir();
  });
  afterEach(() => removeTempDir(dataDir));

  it('opens every repo on one connection and closes it once', () => {
    const store = openStore({ dataDir });
    assert.equal(store.db.open, true);
    store.settings.set('probe', 1);
    store.close();
    assert.equal(store.db.open, false);
    store.close();
  });

  it('sees what a previous store wrote', () => {
    const first = openStore({ dataDir });
    first.settings.set('probe', { written: true });
    first.close();
    const second = openStore({ dataDir });
    assert.deepEqual(second.settings.get('probe'), { written: true });
    second.close();
  });
});
