/**
 * `/api/policies` against the real router: creation with defaults, the three actions, every
 * validation error, evaluation order in the routing table, persistence and the admin token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreatedApiKeyDto } from '../../shared/api-types.js';
import type { PolicyDto } from '../../shared/routing.js';
import { acrossRestart } from '../support/across-restart.js';
import { expectAdminOnly, expectJson, expectManagementError } from '../support/management-error.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

const policyFields = ['action', 'createdAt', 'enabled', 'id', 'match', 'name', 'priority', 'updatedAt'];

describe('/api/policies', () => {
  let router: TestRouter;
  let key: CreatedApiKeyDto;

  const create = async (body: Record<string, unknown>): Promise<PolicyDto> => expectJson<PolicyDto>(await router.manage('POST', '/api/policies', body), 201);

  before(async () => {
    router = await startRouter();
    await router.addProvider({ name: 'alpha', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', models: ['gpt-4o-mini'] });
    await router.addProvider({ name: 'beta', kind: 'anthropic', baseUrl: 'http://127.0.0.1:9', models: ['claude-sonnet-4-5'] });
    key = await expectJson<CreatedApiKeyDto>(await router.manage('POST', '/api/keys', { name: 'ci' }), 201);
  });
  after(() => router?.close());

  it('creates a policy with defaults (enabled, priority 0, empty match) and reads it back', async () => {
    const policy = await create({ name: 'no beta', action: { type: 'deny-providers', providers: ['beta'] } });
    assert.deepEqual(Object.keys(policy).sort(), policyFields);
    assert.match(policy.id, /^pol_[a-z2-7]{16}$/);
    assert.equal(policy.enabled, true);
    assert.equal(policy.priority, 0);
    assert.deepEqual(policy.match, {});
    assert.deepEqual(policy.action, { type: 'deny-providers', providers: ['beta'] });
    assert.deepEqual(await expectJson(await router.manage('GET', `/api/policies/${policy.id}`), 200), policy);
  });

  it('takes every match condition and each action type', async () => {
    const match = { apiKeyIds: [key.id], models: ['gpt-*', '*'], tags: ['batch', 'ci'], minInputTokens: 0, maxInputTokens: 200_000 };
    const allow = await create({ name: 'ci only alpha', priority: -5, match, action: { type: 'allow-providers', providers: ['alpha'] } });
    assert.deepEqual(allow.match, match);
    const route = await create({ name: 'big to beta', enabled: false, match: { minInputTokens: 100_000 }, action: { type: 'route', model: 'beta/claude-sonnet-4-5' } });
    assert.deepEqual(route.action, { type: 'route', model: 'beta/claude-sonnet-4-5' });
    assert.equal(route.enabled, false);
  });

  for (const [what, body, param, pattern] of [
    ['a missing name', { action: { type: 'route', model: 'alpha/gpt-4o-mini' } }, 'name', /./],
    ['a missing action', { name: 'p' }, 'action', /./],
    ['an unknown action type', { name: 'p', action: { type: 'block' } }, 'action.type', /allow-providers, deny-providers, route/],
    ['an empty provider list', { name: 'p', action: { type: 'deny-providers', providers: [] } }, 'action.providers', /at least one provider/],
    ['providers on a route action', { name: 'p', action: { type: 'route', model: 'alpha/gpt-4o-mini', providers: ['alpha'] } }, 'action', /providers/],
    ['a fractional priority', { name: 'p', priority: 1.5, action: { type: 'route', model: 'alpha/gpt-4o-mini' } }, 'priority', /./],
    ['an unknown match field', { name: 'p', match: { user: 'x' }, action: { type: 'route', model: 'alpha/gpt-4o-mini' } }, 'match', /user/],
    ['a tag with a comma', { name: 'p', match: { tags: ['a,b'] }, action: { type: 'route', model: 'alpha/gpt-4o-mini' } }, 'match.tags[0]', /commas/],
    ['negative tokens', { name: 'p', match: { minInputTokens: -1 }, action: { type: 'route', model: 'alpha/gpt-4o-mini' } }, 'match.minInputTokens', /./],
    ['min above max', { name: 'p', match: { minInputTokens: 10, maxInputTokens: 5 }, action: { type: 'route', model: 'alpha/gpt-4o-mini' } }, 'match.maxInputTokens', /below minInputTokens/],
    ['an unknown provider', { name: 'p', action: { type: 'allow-providers', providers: ['alpha', 'gamma'] } }, 'action.providers[1]', /No provider named 'gamma'. Providers: alpha, beta\./],
    ['a route to nothing', { name: 'p', action: { type: 'route', model: 'gamma/x' } }, 'action.model', /no provider named 'gamma'/],
    ['an unknown API key id', { name: 'p', match: { apiKeyIds: ['key_missing'] }, action: { type: 'route', model: 'alpha/gpt-4o-mini' } }, 'match.apiKeyIds[0]', /No API key with id 'key_missing'/],
  ] as const) {
    it(`rejects ${what} with 400 naming the field`, async () => {
      const error = await expectManagementError(await router.manage('POST', '/api/policies', body), 400, 'invalid_request', param);
      assert.match(error.message, pattern);
    });
  }

  it('updates a subset of fields, validating only what changes', async () => {
    const policy = await create({ name: 'edit me', action: { type: 'allow-providers', providers: ['alpha'] } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const updated = await expectJson<PolicyDto>(await router.manage('PUT', `/api/policies/${policy.id}`, { priority: 7, match: { tags: ['x'] } }), 200);
    assert.deepEqual({ ...updated, updatedAt: policy.updatedAt }, { ...policy, priority: 7, match: { tags: ['x'] } });
    assert.ok(updated.updatedAt > policy.updatedAt);
    await expectManagementError(await router.manage('PUT', `/api/policies/${policy.id}`, { action: { type: 'route', model: 'nope' } }), 400, 'invalid_request', 'action.model');
    await expectManagementError(await router.manage('PUT', '/api/policies/pol_missing', { enabled: false }), 404, 'not_found');
  });

  it('gives the routing table enabled policies only, by priority then age', async () => {
    const low = await create({ name: 'runs last', priority: 100, action: { type: 'deny-providers', providers: ['alpha'] } });
    const first = await create({ name: 'runs first', priority: -100, action: { type: 'deny-providers', providers: ['alpha'] } });
    const tied = await create({ name: 'tied, newer', priority: -100, action: { type: 'deny-providers', providers: ['alpha'] } });
    const off = await create({ name: 'off', priority: -200, enabled: false, action: { type: 'deny-providers', providers: ['alpha'] } });
    const ids = router.app.context.routing.policies().map((policy) => policy.id);
    assert.ok(!ids.includes(off.id));
    assert.deepEqual(ids.filter((id) => [low.id, first.id, tied.id].includes(id)), [first.id, tied.id, low.id]);
    const listed = (await expectJson<{ data: PolicyDto[] }>(await router.manage('GET', '/api/policies'), 200)).data.map((policy) => policy.id);
    assert.ok(listed.includes(off.id), 'the management list shows disabled policies too');
    await expectJson(await router.manage('PUT', `/api/policies/${off.id}`, { enabled: true }), 200);
    assert.equal(router.app.context.routing.policies()[0]?.id, off.id, 'enabling it reloads the table');
  });

  it('deletes with 204, then 404', async () => {
    const policy = await create({ name: 'short-lived', action: { type: 'route', model: 'gpt-4o-mini' } });
    assert.equal((await router.manage('DELETE', `/api/policies/${policy.id}`)).status, 204);
    await expectManagementError(await router.manage('GET', `/api/policies/${policy.id}`), 404, 'not_found');
    await expectManagementError(await router.manage('DELETE', `/api/policies/${policy.id}`), 404, 'not_found');
    assert.ok(!router.app.context.routing.policies().some((entry) => entry.id === policy.id));
  });

  it('refuses every method without the admin token', async () => {
    await expectAdminOnly(router.url, [
      ['GET', '/api/policies'],
      ['POST', '/api/policies'],
      ['GET', '/api/policies/pol_x'],
      ['PUT', '/api/policies/pol_x'],
      ['DELETE', '/api/policies/pol_x'],
    ]);
  });
});

describe('/api/policies across a restart', () => {
  it('keeps policies, match and action intact', async () => {
    await acrossRestart(
      async (first) => {
        await first.addProvider({ name: 'alpha', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', models: ['gpt-4o-mini'] });
        return expectJson<PolicyDto>(
          await first.manage('POST', '/api/policies', { name: 'kept', priority: 3, match: { models: ['gpt-*'], tags: ['batch'] }, action: { type: 'allow-providers', providers: ['alpha'] } }),
          201,
        );
      },
      async (second, policy) => {
        assert.deepEqual(await expectJson(await second.manage('GET', '/api/policies'), 200), { data: [policy] });
        assert.equal(second.app.context.routing.policies()[0]?.id, policy.id);
      },
    );
  });
});
