/**
 * `/api/combos` against the real router (real SQLite, real keychain): creation, listing, updates,
 * every validation error, problems after a provider is deleted, persistence across a restart,
 * and the admin token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { comboStrategies, type ComboDto } from '../../shared/routing.js';
import { acrossRestart } from '../support/across-restart.js';
import { expectAdminOnly, expectJson, expectManagementError } from '../support/management-error.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

const comboFields = ['createdAt', 'enabled', 'id', 'name', 'problems', 'strategy', 'targets', 'updatedAt'];

describe('/api/combos', () => {
  let router: TestRouter;
  let sequence = 0;
  const uniqueName = (stem: string): string => `${stem}-${++sequence}`;

  const createCombo = async (body: Record<string, unknown>): Promise<ComboDto> => expectJson<ComboDto>(await router.manage('POST', '/api/combos', body), 201);
  const listCombos = async (): Promise<ComboDto[]> => (await expectJson<{ data: ComboDto[] }>(await router.manage('GET', '/api/combos'), 200)).data;

  before(async () => {
    router = await startRouter();
    // Providers only need to exist: nothing here sends a chat request.
    await router.addProvider({ name: 'alpha', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', models: ['gpt-4o-mini'] });
    await router.addProvider({ name: 'beta', kind: 'anthropic', baseUrl: 'http://127.0.0.1:9', models: ['claude-sonnet-4-5'] });
  });
  after(() => router?.close());

  it('creates a combo with default weights and enabled, and returns it', async () => {
    const name = uniqueName('fast');
    const combo = await createCombo({ name, strategy: 'priority', targets: [{ model: 'alpha/gpt-4o-mini' }, { model: 'beta/claude-sonnet-4-5', weight: 3 }] });
    assert.deepEqual(Object.keys(combo).sort(), comboFields);
    assert.match(combo.id, /^cmb_[a-z2-7]{16}$/);
    assert.equal(combo.name, name);
    assert.equal(combo.strategy, 'priority');
    assert.deepEqual(combo.targets, [
      { model: 'alpha/gpt-4o-mini', weight: 1 },
      { model: 'beta/claude-sonnet-4-5', weight: 3 },
    ]);
    assert.equal(combo.enabled, true);
    assert.deepEqual(combo.problems, []);
    assert.equal(combo.createdAt, combo.updatedAt);
    assert.ok(!Number.isNaN(Date.parse(combo.createdAt)));
    assert.deepEqual(await expectJson(await router.manage('GET', `/api/combos/${combo.id}`), 200), combo);
    assert.ok((await listCombos()).some((listed) => listed.id === combo.id));
  });

  it('accepts every strategy and a bare model a provider lists', async () => {
    for (const strategy of comboStrategies) {
      const combo = await createCombo({ name: uniqueName(strategy), strategy, targets: [{ model: 'gpt-4o-mini' }], enabled: false });
      assert.equal(combo.strategy, strategy);
      assert.equal(combo.enabled, false);
    }
  });

  it('accepts a target that is another combo or an alias', async () => {
    const inner = await createCombo({ name: uniqueName('inner'), strategy: 'random', targets: [{ model: 'alpha/gpt-4o-mini' }] });
    const alias = uniqueName('sonnet');
    await expectJson(await router.manage('POST', '/api/models/alias', { alias, model: 'beta/claude-sonnet-4-5' }), 201);
    const outer = await createCombo({ name: uniqueName('outer'), strategy: 'weighted', targets: [{ model: inner.name, weight: 2 }, { model: alias }] });
    assert.deepEqual(outer.problems, []);
  });

  it('rejects an unknown strategy with 400 listing the strategies', async () => {
    const error = await expectManagementError(await router.manage('POST', '/api/combos', { name: uniqueName('x'), strategy: 'fastest', targets: [{ model: 'alpha/gpt-4o-mini' }] }), 400, 'invalid_request', 'strategy');
    for (const strategy of comboStrategies) assert.ok(error.message.includes(strategy), error.message);
  });

  for (const [what, body, param] of [
    ['a name with a slash', { name: 'a/b', strategy: 'priority', targets: [{ model: 'alpha/x' }] }, 'name'],
    ['an empty name', { name: '', strategy: 'priority', targets: [{ model: 'alpha/x' }] }, 'name'],
    ['a name of 101 characters', { name: 'n'.repeat(101), strategy: 'priority', targets: [{ model: 'alpha/x' }] }, 'name'],
    ['no targets', { name: 'empty', strategy: 'priority', targets: [] }, 'targets'],
    ['33 targets', { name: 'many', strategy: 'priority', targets: Array.from({ length: 33 }, () => ({ model: 'alpha/x' })) }, 'targets'],
    ['a zero weight', { name: 'zero', strategy: 'weighted', targets: [{ model: 'alpha/x', weight: 0 }] }, 'targets[0].weight'],
    ['a fractional weight', { name: 'half', strategy: 'weighted', targets: [{ model: 'alpha/x', weight: 1.5 }] }, 'targets[0].weight'],
    ['an empty target model', { name: 'blank', strategy: 'priority', targets: [{ model: ' ' }] }, 'targets[0].model'],
    ['an unknown field', { name: 'extra', strategy: 'priority', targets: [{ model: 'alpha/x' }], color: 'red' }, undefined],
    ['a missing strategy', { name: 'nostrategy', targets: [{ model: 'alpha/x' }] }, 'strategy'],
  ] as const) {
    it(`rejects ${what} with 400 naming the field`, async () => {
      await expectManagementError(await router.manage('POST', '/api/combos', body), 400, 'invalid_request', param);
    });
  }

  it('rejects a target that resolves to nothing, naming it and listing what exists', async () => {
    const response = await router.manage('POST', '/api/combos', { name: uniqueName('broken'), strategy: 'priority', targets: [{ model: 'alpha/gpt-4o-mini' }, { model: 'gamma/gpt-4o' }] });
    const error = await expectManagementError(response, 400, 'invalid_request', 'targets[1].model');
    assert.match(error.message, /'gamma\/gpt-4o'/);
    assert.match(error.message, /no provider named 'gamma'/);
    assert.match(error.message, /Providers \(use 'provider\/model'\): alpha, beta\./);
    const bare = await router.manage('POST', '/api/combos', { name: uniqueName('bare'), strategy: 'priority', targets: [{ model: 'no-such-model' }] });
    assert.match((await expectManagementError(bare, 400, 'invalid_request', 'targets[0].model')).message, /no provider, alias or combo named 'no-such-model'/);
  });

  it('rejects a combo that targets itself, and a cycle through nested combos, naming the cycle', async () => {
    const self = uniqueName('self');
    const error = await expectManagementError(await router.manage('POST', '/api/combos', { name: self, strategy: 'priority', targets: [{ model: self }] }), 400, 'invalid_request', 'targets');
    assert.match(error.message, new RegExp(`cycle: ${self} -> ${self}\\.`));

    const a = await createCombo({ name: uniqueName('a'), strategy: 'priority', targets: [{ model: 'alpha/gpt-4o-mini' }] });
    const b = await createCombo({ name: uniqueName('b'), strategy: 'priority', targets: [{ model: a.name }] });
    const cycle = await expectManagementError(await router.manage('PUT', `/api/combos/${a.id}`, { targets: [{ model: b.name }] }), 400, 'invalid_request', 'targets');
    assert.match(cycle.message, new RegExp(`cycle: ${a.name} -> ${b.name} -> ${a.name}\\.`));
    assert.deepEqual((await expectJson<ComboDto>(await router.manage('GET', `/api/combos/${a.id}`), 200)).targets, [{ model: 'alpha/gpt-4o-mini', weight: 1 }], 'a rejected update changes nothing');
  });

  it('rejects a cycle through an alias', async () => {
    const alias = uniqueName('loop-alias');
    const combo = await createCombo({ name: uniqueName('loop'), strategy: 'priority', targets: [{ model: 'alpha/gpt-4o-mini' }] });
    await expectJson(await router.manage('POST', '/api/models/alias', { alias, model: combo.name }), 201);
    const error = await expectManagementError(await router.manage('PUT', `/api/combos/${combo.id}`, { targets: [{ model: alias }] }), 400, 'invalid_request', 'targets');
    assert.match(error.message, new RegExp(`cycle: ${combo.name} -> ${alias} -> ${combo.name}\\.`));
  });

  it('rejects nesting deeper than the limit', async () => {
    let previous = 'alpha/gpt-4o-mini';
    for (let depth = 0; depth < 8; depth++) previous = (await createCombo({ name: uniqueName('level'), strategy: 'priority', targets: [{ model: previous }] })).name;
    const error = await expectManagementError(await router.manage('POST', '/api/combos', { name: uniqueName('top'), strategy: 'priority', targets: [{ model: previous }] }), 400, 'invalid_request', 'targets');
    assert.match(error.message, /longer than 8 steps/);
  });

  it('answers 409 to a name another combo or an alias uses', async () => {
    const combo = await createCombo({ name: uniqueName('taken'), strategy: 'priority', targets: [{ model: 'alpha/gpt-4o-mini' }] });
    await expectManagementError(await router.manage('POST', '/api/combos', { name: combo.name, strategy: 'random', targets: [{ model: 'beta/claude-sonnet-4-5' }] }), 409, 'conflict', 'name');
    const alias = uniqueName('alias-name');
    await expectJson(await router.manage('POST', '/api/models/alias', { alias, model: 'alpha/gpt-4o-mini' }), 201);
    const error = await expectManagementError(await router.manage('POST', '/api/combos', { name: alias, strategy: 'priority', targets: [{ model: 'alpha/gpt-4o-mini' }] }), 409, 'conflict', 'name');
    assert.match(error.message, /already a model alias/);
    const other = await createCombo({ name: uniqueName('other'), strategy: 'priority', targets: [{ model: 'alpha/gpt-4o-mini' }] });
    await expectManagementError(await router.manage('PUT', `/api/combos/${other.id}`, { name: combo.name }), 409, 'conflict', 'name');
  });

  it('updates any subset of fields and bumps updatedAt', async () => {
    const combo = await createCombo({ name: uniqueName('edit'), strategy: 'priority', targets: [{ model: 'alpha/gpt-4o-mini' }] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const renamed = uniqueName('edited');
    const updated = await expectJson<ComboDto>(await router.manage('PUT', `/api/combos/${combo.id}`, { name: renamed, strategy: 'round-robin', enabled: false }), 200);
    assert.deepEqual({ ...updated, updatedAt: combo.updatedAt }, { ...combo, name: renamed, strategy: 'round-robin', enabled: false });
    assert.ok(updated.updatedAt > combo.updatedAt);
    await expectManagementError(await router.manage('PUT', `/api/combos/${combo.id}`, { strategy: 'best' }), 400, 'invalid_request', 'strategy');
  });

  it('answers 404 for an unknown id and deletes with 204', async () => {
    await expectManagementError(await router.manage('GET', '/api/combos/cmb_missing'), 404, 'not_found');
    await expectManagementError(await router.manage('PUT', '/api/combos/cmb_missing', { enabled: false }), 404, 'not_found');
    const combo = await createCombo({ name: uniqueName('gone'), strategy: 'priority', targets: [{ model: 'alpha/gpt-4o-mini' }] });
    assert.equal((await router.manage('DELETE', `/api/combos/${combo.id}`)).status, 204);
    await expectManagementError(await router.manage('DELETE', `/api/combos/${combo.id}`), 404, 'not_found');
    assert.ok(!(await listCombos()).some((listed) => listed.id === combo.id));
  });

  it('reports targets whose provider was deleted, and still lets the combo be disabled', async () => {
    const doomed = await router.addProvider({ name: 'doomed', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', models: ['m1'] });
    const combo = await createCombo({ name: uniqueName('orphan'), strategy: 'priority', targets: [{ model: 'doomed/m1' }, { model: 'alpha/gpt-4o-mini' }] });
    assert.equal((await router.manage('DELETE', `/api/providers/${doomed.id}`)).status, 204);
    const listed = (await listCombos()).find((entry) => entry.id === combo.id);
    assert.deepEqual(listed?.problems, ["Target 'doomed/m1' does not resolve: no provider named 'doomed'."]);
    const disabled = await expectJson<ComboDto>(await router.manage('PUT', `/api/combos/${combo.id}`, { enabled: false }), 200);
    assert.equal(disabled.enabled, false);
    await expectManagementError(await router.manage('PUT', `/api/combos/${combo.id}`, { targets: [{ model: 'doomed/m1' }] }), 400, 'invalid_request', 'targets[0].model');
  });

  it('refuses every method without the admin token', async () => {
    await expectAdminOnly(router.url, [
      ['GET', '/api/combos'],
      ['POST', '/api/combos'],
      ['GET', '/api/combos/cmb_x'],
      ['PUT', '/api/combos/cmb_x'],
      ['DELETE', '/api/combos/cmb_x'],
    ]);
  });
});

describe('/api/combos across a restart', () => {
  it('keeps combos in the data directory', async () => {
    await acrossRestart(
      async (first) => {
        await first.addProvider({ name: 'alpha', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', models: ['gpt-4o-mini'] });
        return expectJson<ComboDto>(await first.manage('POST', '/api/combos', { name: 'kept', strategy: 'fill-first', targets: [{ model: 'alpha/gpt-4o-mini', weight: 4 }] }), 201);
      },
      async (second, combo) => {
        assert.deepEqual(await expectJson(await second.manage('GET', '/api/combos'), 200), { data: [combo] });
        assert.equal(second.app.context.routing.combo('kept')?.id, combo.id, 'the routing table is loaded at start');
      },
    );
  });
});
