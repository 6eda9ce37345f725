import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adapterFamilies, hasAdapter, loadAdapter } from '../../main/providers/adapters.js';
import { familyDefaults, findPreset, presets, supportedFamilies } from '../../main/providers/presets.js';

describe('provider families and presets', () => {
  it('the dashboard’s supported families are exactly the families with an adapter', () => {
    assert.deepEqual([...supportedFamilies].sort(), [...adapterFamilies].sort());
  });

  it('every adapter loads on demand and serves the family it is registered under', async () => {
    for (const family of adapterFamilies) assert.equal((await loadAdapter(family)).family, family);
    assert.equal(await loadAdapter('openai'), await loadAdapter('openai'), 'loaded once');
    assert.equal(hasAdapter('constructor'), false, 'no inherited names');
  });

  it('every preset has an https base URL unless it is a local server, and a known family', () => {
    for (const preset of Object.values(presets)) {
      assert.ok(preset.family in familyDefaults, preset.id);
      const url = new URL(preset.baseUrl);
      if (preset.keyless) assert.equal(url.hostname, '127.0.0.1', preset.id);
      else assert.equal(url.protocol, 'https:', preset.id);
    }
  });

  it('finds a kind as a family first, then as a preset, and nothing inherited', () => {
    assert.equal(findPreset('openai')?.family, 'openai');
    assert.equal(findPreset('groq')?.baseUrl, 'https://api.groq.com/openai/v1');
    assert.equal(findPreset('nope'), undefined);
  });
});
