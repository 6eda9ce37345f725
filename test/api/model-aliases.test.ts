/**
 * `/api/models/alias` against the real router: plain aliases and wildcard routes, create or
 * replace, both DELETE forms, every validation error, persistence and the admin token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ModelAliasDto } from '../../shared/routing.js';
import { acrossRestart } from '../support/across-restart.js';
import { expectAdminOnly, expectJson, expectManagementError } from '../support/management-error.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

describe('/api/models/alias', () => {
  let router: TestRouter;

  const post = (alias: string, model: string) => router.manage('POST', '/api/models/alias', { alias, model });
  const list = async (): Promise<ModelAliasDto[]> => (await expectJson<{ data: ModelAliasDto[] }>(await router.manage('GET', '/api/models/alias'), 200)).data;
  const find = async (alias: string) => (await list()).find((entry) => entry.alias === alias);

  before(async () => {
    router = await startRouter();
    await router.addProvider({ name: 'anthropic-main', kind: 'anthropic', baseUrl: 'http://127.0.0.1:9', models: ['claude-sonnet-4-5'] });
    await router.addProvider({ name: 'claude-pro', kind: 'anthropic', baseUrl: 'http://127.0.0.1:9', models: ['claude-x'] });
  });
  after(() => router?.close());

  it('creates a plain alias with 201, replaces it with 200, and lists it', async () => {
    assert.deepEqual(await expectJson(await post('sonnet', 'anthropic-main/claude-sonnet-4-5'), 201), { alias: 'sonnet', model: 'anthropic-main/claude-sonnet-4-5' });
    assert.deepEqual(await expectJson(await post('sonnet', 'claude-pro/claude-x'), 200), { alias: 'sonnet', model: 'claude-pro/claude-x' });
    assert.deepEqual(await find('sonnet'), { alias: 'sonnet', model: 'claude-pro/claude-x' });
    assert.equal(router.app.context.routing.resolveAlias('sonnet'), 'claude-pro/claude-x', 'the routing table follows at once');
  });

  it('creates a wildcard route and an alias with a slash in its name', async () => {
    await expectJson(await post('anthropic/*', 'claude-pro/*'), 201);
    await expectJson(await post('openai/gpt-4', 'anthropic-main/claude-sonnet-4-5'), 201);
    assert.equal(router.app.context.routing.resolveAlias('anthropic/claude-x'), 'claude-pro/claude-x');
    assert.deepEqual(await find('anthropic/*'), { alias: 'anthropic/*', model: 'claude-pro/*' });
  });

  it('points an alias at a combo', async () => {
    await expectJson(await router.manage('POST', '/api/combos', { name: 'team', strategy: 'priority', targets: [{ model: 'claude-pro/claude-x' }] }), 201);
    await expectJson(await post('best', 'team'), 201);
    assert.equal(router.app.context.routing.resolveAlias('best'), 'team');
  });

  for (const [what, body, param, pattern] of [
    ['a wildcard alias to a plain model', { alias: 'wild/*', model: 'claude-pro/claude-x' }, 'model', /must end in '\/\*' too/],
    ['a plain alias to a wildcard model', { alias: 'plain', model: 'claude-pro/*' }, 'model', /only when alias does too/],
    ['a star inside the alias', { alias: 'cl*de', model: 'claude-pro/claude-x' }, 'alias', /'\*' only as a final '\/\*'/],
    ['a bare star', { alias: '*', model: 'claude-pro/*' }, 'alias', /'\*' only/],
    ['an alias to itself', { alias: 'same', model: 'same' }, 'model', /cannot point to itself/],
    ['a wildcard to itself', { alias: 'claude-pro/*', model: 'claude-pro/*' }, 'model', /cannot point to itself/],
    ['an empty alias', { alias: '', model: 'claude-pro/claude-x' }, 'alias', /alias must not be empty/],
    ['a missing model', { alias: 'lonely' }, 'model', /./],
    ['an unknown field', { alias: 'x', model: 'claude-pro/claude-x', note: 1 }, undefined, /note/],
  ] as const) {
    it(`rejects ${what} with 400 naming the field`, async () => {
      const error = await expectManagementError(await router.manage('POST', '/api/models/alias', body), 400, 'invalid_request', param);
      assert.match(error.message, pattern);
    });
  }

  it('rejects an alias whose model resolves to nothing, listing what exists', async () => {
    const error = await expectManagementError(await post('ghost', 'nowhere/model'), 400, 'invalid_request', 'model');
    assert.match(error.message, /no provider named 'nowhere'/);
    assert.match(error.message, /Providers \(use 'provider\/model'\): anthropic-main, claude-pro\./);
    assert.match((await expectManagementError(await post('x/*', 'nowhere/*'), 400, 'invalid_request', 'model')).message, /no provider named 'nowhere'/);
  });

  it('rejects a loop of aliases, naming it', async () => {
    await expectJson(await post('loop-a', 'claude-pro/claude-x'), 201);
    await expectJson(await post('loop-b', 'loop-a'), 201);
    const error = await expectManagementError(await post('loop-a', 'loop-b'), 400, 'invalid_request', 'model');
    assert.match(error.message, /cycle: loop-a -> loop-b -> loop-a\./);
    assert.equal(router.app.context.routing.resolveAlias('loop-a'), 'claude-pro/claude-x', 'a rejected alias changes nothing');
  });

  it('rejects a loop of wildcard routes and one that grows without end', async () => {
    await expectJson(await post('one/*', 'claude-pro/*'), 201);
    await expectJson(await post('two/*', 'one/*'), 201);
    assert.match((await expectManagementError(await post('one/*', 'two/*'), 400, 'invalid_request', 'model')).message, /cycle: one\/\* -> two\/\* -> one\/\*\./);
    assert.match((await expectManagementError(await post('claude-pro/*', 'claude-pro/v2/*'), 400, 'invalid_request', 'model')).message, /longer than 8 steps/);
  });

  it('answers 409 to an alias named like a combo', async () => {
    await expectJson(await router.manage('POST', '/api/combos', { name: 'squad', strategy: 'priority', targets: [{ model: 'claude-pro/claude-x' }] }), 201);
    const error = await expectManagementError(await post('squad', 'claude-pro/claude-x'), 409, 'conflict', 'alias');
    assert.match(error.message, /already a combo/);
  });

  it('deletes by ?alias= and by the URL-encoded path, with 404 when it is gone', async () => {
    await expectJson(await post('gone/*', 'claude-pro/*'), 201);
    await expectJson(await post('gone-too', 'claude-pro/claude-x'), 201);
    assert.equal((await router.manage('DELETE', `/api/models/alias?alias=${encodeURIComponent('gone/*')}`)).status, 204);
    assert.equal((await router.manage('DELETE', `/api/models/alias/${encodeURIComponent('gone-too')}`)).status, 204);
    assert.equal(await find('gone/*'), undefined);
    assert.equal(await find('gone-too'), undefined);
    assert.equal(router.app.context.routing.resolveAlias('gone/x'), undefined);
    await expectManagementError(await router.manage('DELETE', '/api/models/alias?alias=gone-too'), 404, 'not_found', 'alias');
    await expectManagementError(await router.manage('DELETE', '/api/models/alias'), 400, 'invalid_request', 'alias');
  });

  it('deletes an alias containing a slash through the encoded path form', async () => {
    await expectJson(await post('vendor/model-a', 'claude-pro/claude-x'), 201);
    assert.equal((await router.manage('DELETE', `/api/models/alias/${encodeURIComponent('vendor/model-a')}`)).status, 204);
    assert.equal(await find('vendor/model-a'), undefined);
  });

  it('refuses every method without the admin token', async () => {
    await expectAdminOnly(router.url, [
      ['GET', '/api/models/alias'],
      ['POST', '/api/models/alias'],
      ['DELETE', '/api/models/alias?alias=sonnet'],
      ['DELETE', '/api/models/alias/sonnet'],
    ]);
    assert.deepEqual(await find('sonnet'), { alias: 'sonnet', model: 'claude-pro/claude-x' });
  });
});

describe('/api/models/alias across a restart', () => {
  it('keeps aliases and wildcard routes', async () => {
    await acrossRestart(
      async (first) => {
        await first.addProvider({ name: 'claude-pro', kind: 'anthropic', baseUrl: 'http://127.0.0.1:9', models: ['claude-x'] });
        await expectJson(await first.manage('POST', '/api/models/alias', { alias: 'anthropic/*', model: 'claude-pro/*' }), 201);
        await expectJson(await first.manage('POST', '/api/models/alias', { alias: 'sonnet', model: 'claude-pro/claude-x' }), 201);
      },
      async (second) => {
        assert.deepEqual(await expectJson(await second.manage('GET', '/api/models/alias'), 200), {
          data: [
            { alias: 'anthropic/*', model: 'claude-pro/*' },
            { alias: 'sonnet', model: 'claude-pro/claude-x' },
          ],
        });
        assert.equal(second.app.context.routing.resolveAlias('anthropic/claude-opus'), 'claude-pro/claude-opus');
      },
    );
  });
});
