import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { addCombo, answeringProvider, model, startRoutingFixture, type RoutingFixture } from '../support/routing-fixture.js';

const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hello' }];

describe('routing through the real server: strategies, aliases, policies, stickiness, load', () => {
  let fixture: RoutingFixture;
  let client: OpenAI;

  before(async () => {
    fixture = await startRoutingFixture();
    client = fixture.client;
    const { router } = fixture;
    await addCombo(router, { name: 'rr', strategy: 'round-robin', targets: [{ model: `a/${model}` }, { model: `b/${model}` }, { model: `c/${model}` }] });
    await addCombo(router, { name: 'weighted', strategy: 'weighted', targets: [{ model: `b/${model}`, weight: 3 }, { model: `c/${model}`, weight: 1 }] });
    await addCombo(router, { name: 'inner', strategy: 'priority', targets: [{ model: `b/${model}` }, { model: `c/${model}` }] });
    await addCombo(router, { name: 'outer', strategy: 'priority', targets: [{ model: `a/${model}` }, { model: 'inner' }] });
    await addCombo(router, { name: 'flaky', strategy: 'random', targets: [{ model: `a/${model}` }, { model: `b/${model}` }, { model: `c/${model}` }] });
    for (const alias of [{ alias: 'fast', model: 'outer' }, { alias: 'vendor/*', model: 'c/*' }]) {
      const response = await router.manage('POST', '/api/models/alias', alias);
      assert.ok(response.status < 300, `alias: HTTP ${response.status} ${await response.text()}`);
    }
  });
  after(() => fixture.close());
  beforeEach(() => fixture.reset());

  const providerOf = (target: string, headers: Record<string, string> = {}) => answeringProvider(client, target, headers);

  it('round-robin rotates the first target per request', async () => {
    const providers: (string | null)[] = [];
    for (let index = 0; index < 6; index += 1) providers.push(await providerOf('rr'));
    assert.deepEqual(providers, ['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('weighted sends about three quarters to the heavier target', async () => {
    let b = 0;
    const total = 400;
    for (let index = 0; index < total; index += 1) if ((await providerOf('weighted')) === 'b') b += 1;
    assert.ok(Math.abs(b / total - 0.75) < 0.08, `${b} of ${total} to b`);
  });

  it('a combo may contain a combo, and an alias may name a combo', async () => {
    fixture.a.fail({ status: 500 });
    fixture.b.fail({ status: 500 });
    assert.equal(await providerOf('fast'), 'c');
    assert.deepEqual(fixture.counts(), { a: 1, b: 1, c: 1 });
  });

  it('a wildcard route rewrites a whole prefix', async () => {
    const { response } = await client.chat.completions.create({ model: `vendor/${model}`, messages }).withResponse();
    assert.equal(response.headers.get('x-omniroute-model'), `c/${model}`);
  });

  it('a deny-providers policy keeps requests away from a provider, and a route policy sends tagged requests elsewhere', async () => {
    const deny = await fixture.router.manage('POST', '/api/policies', { name: 'no-a', action: { type: 'deny-providers', providers: ['a'] } });
    const route = await fixture.router.manage('POST', '/api/policies', { name: 'cheap', match: { tags: ['cheap'] }, action: { type: 'route', model: `c/${model}` } });
    assert.equal(deny.status, 201);
    assert.equal(route.status, 201);
    try {
      assert.equal(await providerOf('outer'), 'b');
      assert.equal(await providerOf(`b/${model}`, { 'x-omniroute-tag': 'cheap' }), 'c');
      const refused = await client.chat.completions.create({ model: `a/${model}`, messages }).catch((error: unknown) => error);
      assert.ok(refused instanceof OpenAI.APIError);
      assert.match(refused.message, /excluded by policy 'no-a'/);
    } finally {
      for (const created of [deny, route]) await fixture.router.manage('DELETE', `/api/policies/${((await created.json()) as { id: string }).id}`);
    }
  });

  it('a sticky session keeps its account while round-robin moves everyone else, and is listed', async () => {
    await fixture.router.manage('PATCH', '/api/resilience', { providers: { a: { accountStrategy: 'round-robin' } } });
    try {
      for (let index = 0; index < 4; index += 1) await providerOf(`a/${model}`);
      assert.deepEqual(fixture.aKeyIndexes(), [0, 1, 0, 1], 'without a session, the accounts alternate');
      fixture.a.reset();
      const echoed: (string | null)[] = [];
      for (let index = 0; index < 4; index += 1) {
        const { response } = await client.chat.completions.create({ model: `a/${model}`, messages }, { headers: { 'x-session-id': 'conversation-1' } }).withResponse();
        echoed.push(response.headers.get('x-omniroute-session-id'));
      }
      assert.equal(new Set(fixture.aKeyIndexes()).size, 1, `one account for the session: ${fixture.aKeyIndexes().join(',')}`);
      assert.deepEqual(echoed, Array(4).fill('conversation-1'));
      const sessions = (await (await fixture.router.manage('GET', '/api/sessions')).json()) as { data: { sessionId: string; requests: number; target: string }[] };
      assert.deepEqual(sessions.data.map((session) => [session.sessionId, session.requests, session.target]), [['conversation-1', 4, `a/${model}`]]);
      // The body field works too, and never reaches the upstream.
      fixture.a.reset();
      await client.chat.completions.create({ model: `a/${model}`, messages, x_session_id: 'conversation-1' } as OpenAI.ChatCompletionCreateParamsNonStreaming);
      assert.equal((fixture.a.requests[0]?.body as Record<string, unknown>).x_session_id, undefined);
    } finally {
      await fixture.router.manage('PATCH', '/api/resilience', { providers: {} });
    }
  });

  it('a sticky session moves when its account is cooling down', async () => {
    await client.chat.completions.create({ model: `a/${model}`, messages }, { headers: { 'x-session-id': 's2' } });
    fixture.a.fail({ status: 429, headers: { 'retry-after': '60' } });
    await client.chat.completions.create({ model: `a/${model}`, messages }, { headers: { 'x-session-id': 's2' } });
    assert.deepEqual(fixture.aKeyIndexes(), [0, 0, 1]);
  });

  it('200 concurrent requests across three flaky targets: each is answered or fails with the full attempt list', async () => {
    // Breakers would (rightly) shut flaky targets out after a few failures; here the point is the
    // fallback itself under concurrency.
    await fixture.router.manage('PATCH', '/api/resilience', { breaker: { failureThreshold: 1000 } });
    after(() => fixture.router.manage('PATCH', '/api/resilience', { breaker: { failureThreshold: 5 } }));
    const statuses = [500, 502, 503, 429];
    for (const sim of [fixture.a, fixture.b, fixture.c]) {
      for (let index = 0; index < 40; index += 1) {
        const status = statuses[index % statuses.length] as number;
        // Short cooldowns: with long ones every target can be out at once, and then failing fast is right.
        sim.fail(status === 429 ? { status, headers: { 'retry-after-ms': '1' } } : { status, delayMs: index % 7 });
      }
    }
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        client.chat.completions.create({ model: 'flaky', messages: [{ role: 'user', content: `request ${index}` }] }).then(
          (answer) => ({ ok: true as const, index, text: answer.choices[0]?.message.content }),
          (error: unknown) => ({ ok: false as const, index, error }),
        ),
      ),
    );
    let answered = 0;
    for (const result of results) {
      if (result.ok) {
        assert.equal(result.text, `Echo: request ${result.index}`, 'each answer belongs to its own request');
        answered += 1;
        continue;
      }
      assert.ok(result.error instanceof OpenAI.APIError, String(result.error));
      const attempts = (result.error.error as { attempts?: { target: string; outcome: string }[] } | undefined)?.attempts;
      assert.ok(attempts && attempts.length >= 1, `failure ${result.index} lists its attempts: ${result.error.message}`);
      const targets = new Set(attempts.map((attempt) => attempt.target.split('/')[0]));
      assert.ok(targets.size === 3 || result.error.status === 429, `every target is accounted for: ${result.error.message}`);
    }
    assert.ok(answered > 0, 'some requests are answered');
    const counts = fixture.counts();
    assert.ok(counts.a + counts.b + counts.c <= 200 * 3, `no request is attempted more than the plan allows: ${JSON.stringify(counts)}`);
  });
});

describe('live strategies through the real server', () => {
  let fixture: RoutingFixture;

  before(async () => {
    fixture = await startRoutingFixture();
    await addCombo(fixture.router, { name: 'fill', strategy: 'fill-first', targets: [{ model: `b/${model}` }, { model: `c/${model}` }] });
    await addCombo(fixture.router, { name: 'fastest', strategy: 'least-latency', targets: [{ model: `b/${model}` }, { model: `c/${model}` }] });
  });
  after(() => fixture.close());
  beforeEach(() => fixture.reset());

  const providerOf = (target: string) => answeringProvider(fixture.client, target);

  it('fill-first uses one target until it is rate-limited, then stays on the next', async () => {
    assert.deepEqual([await providerOf('fill'), await providerOf('fill')], ['b', 'b']);
    fixture.b.fail({ status: 429, headers: { 'retry-after-ms': '200' } });
    assert.equal(await providerOf('fill'), 'c');
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.deepEqual([await providerOf('fill'), await providerOf('fill')], ['c', 'c'], 'no flapping back to b');
  });

  it('least-latency measures each target, then prefers the faster one', async () => {
    fixture.b.fail({ delayMs: 300 });
    const first = [await providerOf('fastest'), await providerOf('fastest')];
    assert.deepEqual(first.sort(), ['b', 'c'], 'both unmeasured targets are tried first');
    const next = [];
    for (let index = 0; index < 4; index += 1) next.push(await providerOf('fastest'));
    assert.deepEqual(next, ['c', 'c', 'c', 'c']);
  });
});
