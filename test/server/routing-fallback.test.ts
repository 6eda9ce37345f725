import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type OpenAI from 'openai';
import { openAiFailure as failure } from '../support/openai-failure.js';
import { addCombo, model, startRoutingFixture, type RoutingFixture } from '../support/routing-fixture.js';

const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hello' }];

interface AttemptView {
  target: string;
  account?: string;
  outcome: string;
  status?: number;
  rule?: string;
  action?: string;
  reason: string;
  availableAt?: string;
}

describe('fallback through a combo and across accounts', () => {
  let fixture: RoutingFixture;
  let client: OpenAI;

  before(async () => {
    fixture = await startRoutingFixture();
    client = fixture.client;
    await addCombo(fixture.router, { name: 'chain', strategy: 'priority', targets: [{ model: `a/${model}` }, { model: `b/${model}` }, { model: `c/${model}` }] });
  });
  after(() => fixture.close());
  beforeEach(() => fixture.reset());

  const ask = (target = 'chain') => client.chat.completions.create({ model: target, messages }).withResponse();

  it('a 5xx moves to the next target, and the answer names the target that answered', async () => {
    fixture.a.fail({ status: 500 });
    const { data, response } = await ask();
    assert.equal(data.choices[0]?.message.content, 'Echo: Hello');
    assert.equal(response.headers.get('x-omniroute-provider'), 'b');
    assert.equal(response.headers.get('x-omniroute-model'), `b/${model}`);
    assert.equal(response.headers.get('x-omniroute-attempts'), '2');
    // A 5xx blames the provider: its second account is not tried.
    assert.deepEqual(fixture.counts(), { a: 1, b: 1, c: 0 });
  });

  it('a 429 honours Retry-After: the next account answers, and the limited one sits out until then', async () => {
    fixture.a.fail({ status: 429, headers: { 'retry-after-ms': '400' } });
    const first = await ask();
    assert.equal(first.response.headers.get('x-omniroute-provider'), 'a');
    assert.deepEqual(fixture.aKeyIndexes(), [0, 1]);
    await ask();
    assert.deepEqual(fixture.aKeyIndexes(), [0, 1, 1], 'the cooling account is skipped');
    await new Promise((resolve) => setTimeout(resolve, 450));
    await ask();
    assert.deepEqual(fixture.aKeyIndexes(), [0, 1, 1, 0], 'back to the first account once its cooldown ended');
  });

  it('a 401 moves to the next account and flags the refused one', async () => {
    const flagged: { provider: string; accountId: string; status: number }[] = [];
    const stop = fixture.router.app.context.events.on('account-auth-failed', (event) => flagged.push(event));
    fixture.a.fail({ status: 401 });
    const { response } = await ask();
    stop();
    assert.equal(response.headers.get('x-omniroute-provider'), 'a');
    assert.deepEqual(fixture.aKeyIndexes(), [0, 1]);
    assert.deepEqual(flagged.map((event) => [event.provider, event.accountId, event.status]), [['a', fixture.aAccounts[0], 401]]);
    const limits = (await (await fixture.router.manage('GET', '/api/rate-limits')).json()) as { accounts: { accountId: string; state: string }[] };
    assert.equal(limits.accounts.find((account) => account.accountId === fixture.aAccounts[0])?.state, 'auth-failed');
    // Flagged, not banned: it goes last, and a fixed key is used again.
    await ask();
    assert.deepEqual(fixture.aKeyIndexes(), [0, 1, 1]);
  });

  it('an account refused again while flagged is not announced again', async () => {
    const flagged: string[] = [];
    const stop = fixture.router.app.context.events.on('account-auth-failed', (event) => flagged.push(event.provider));
    try {
      fixture.c.fail({ status: 401 });
      fixture.c.fail({ status: 401 });
      for (let index = 0; index < 2; index += 1) assert.equal((await failure(ask(`c/${model}`))).status, 401);
      assert.deepEqual(flagged, ['c']);
    } finally {
      stop();
    }
  });

  it('a 402 moves to the next account and cools the first down until its reset', async () => {
    fixture.a.fail({ status: 402, body: { error: { message: 'Payment required', type: 'billing_error', code: null } } });
    await ask();
    assert.deepEqual(fixture.aKeyIndexes(), [0, 1]);
    const limits = (await (await fixture.router.manage('GET', '/api/rate-limits')).json()) as { accounts: { accountId: string; state: string; availableAt?: string }[] };
    const first = limits.accounts.find((account) => account.accountId === fixture.aAccounts[0]);
    assert.equal(first?.state, 'cooling-down');
    assert.ok(Date.parse(first?.availableAt ?? '') > Date.now() + 30 * 60_000, 'an hour without a reset time');
  });

  it('a quota error is told from a rate limit by its code, and cools the account down', async () => {
    fixture.a.fail({ status: 429, body: { error: { message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota' } } });
    await ask();
    assert.deepEqual(fixture.aKeyIndexes(), [0, 1]);
    const limits = (await (await fixture.router.manage('GET', '/api/rate-limits')).json()) as { accounts: { accountId: string; lastError?: { rule: string } }[] };
    assert.equal(limits.accounts.find((account) => account.accountId === fixture.aAccounts[0])?.lastError?.rule, 'quota-exhausted');
  });

  it('a context-length 400 moves to the next target', async () => {
    fixture.a.fail({ status: 400, body: { error: { message: "This model's maximum context length is 8192 tokens.", type: 'invalid_request_error', code: 'context_length_exceeded' } } });
    const { response } = await ask();
    assert.equal(response.headers.get('x-omniroute-provider'), 'b');
  });

  it('a relay\'s wrapped "model not supported" 400 moves to the next target', async () => {
    fixture.a.fail({ status: 400, body: { error: { message: 'The model `m` is not supported by this account.', type: 'invalid_request_error', code: null } } });
    const { response } = await ask();
    assert.equal(response.headers.get('x-omniroute-provider'), 'b');
  });

  it('an overloaded 529 is retried once on the same account, then answered', async () => {
    fixture.a.fail({ status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    const { response } = await ask();
    assert.equal(response.headers.get('x-omniroute-provider'), 'a');
    assert.deepEqual(fixture.aKeyIndexes(), [0, 0], 'the same account twice');
    assert.deepEqual(fixture.counts(), { a: 2, b: 0, c: 0 });
  });

  it('a 408 moves to the next target', async () => {
    fixture.a.fail({ status: 408 });
    const { response } = await ask();
    assert.equal(response.headers.get('x-omniroute-provider'), 'b');
  });

  it('a relay\'s "all accounts unavailable" moves to the next target', async () => {
    fixture.a.fail({ status: 503, body: { error: { message: 'All accounts unavailable: maximum retry limit reached', type: 'server_error', code: null } } });
    const { response } = await ask();
    assert.equal(response.headers.get('x-omniroute-provider'), 'b');
    const limits = (await (await fixture.router.manage('GET', '/api/rate-limits')).json()) as { accounts: { accountId: string; lastError?: { rule: string } }[] };
    assert.equal(limits.accounts.find((account) => account.accountId === fixture.aAccounts[0])?.lastError?.rule, 'accounts-unavailable');
  });

  it('an unreachable provider moves to the next target', async () => {
    const dead = await fixture.router.addProvider({ name: 'dead', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-dead', models: [model] });
    try {
      await addCombo(fixture.router, { name: 'via-dead', strategy: 'priority', targets: [{ model: `dead/${model}` }, { model: `c/${model}` }] });
      const { response } = await ask('via-dead');
      assert.equal(response.headers.get('x-omniroute-provider'), 'c');
    } finally {
      await fixture.router.manage('DELETE', `/api/providers/${dead.id}`);
    }
  });

  it('any other 400 is the request\'s fault: returned as the upstream sent it, nothing else tried', async () => {
    fixture.a.fail({ status: 400, body: { error: { message: "Invalid value for 'temperature'.", type: 'invalid_request_error', param: 'temperature', code: 'invalid_value' } } });
    const error = await failure(ask());
    assert.equal(error.status, 400);
    assert.equal(error.code, 'invalid_value');
    assert.equal(error.param, 'temperature');
    assert.deepEqual(fixture.counts(), { a: 1, b: 0, c: 0 });
  });

  it('when everything fails, the error lists every attempt and when the earliest cooldown ends', async () => {
    fixture.a.fail({ status: 500 });
    fixture.b.fail({ status: 503 });
    fixture.c.fail({ status: 429, headers: { 'retry-after': '30' } });
    const error = await failure(ask());
    assert.equal(error.status, 503);
    assert.equal(error.code, 'all_attempts_failed');
    const attempts = (error.error as { attempts: AttemptView[] }).attempts;
    assert.deepEqual(
      attempts.map((attempt) => [attempt.target, attempt.outcome, attempt.status, attempt.rule, attempt.action]),
      [
        [`a/${model}`, 'failed', 500, 'server-error', 'next-target'],
        [`b/${model}`, 'failed', 503, 'server-error', 'next-target'],
        [`c/${model}`, 'failed', 429, 'rate-limited', 'next-account'],
      ],
    );
    assert.ok(Math.abs(Date.parse(attempts[2]?.availableAt ?? '') - (Date.now() + 30_000)) < 5000);
    assert.match(error.message, /1\. a\/m \(account 'default'\): 500 server-error/);
    assert.match(error.message, /3\. c\/m \(account 'default'\): 429 rate-limited/);
    assert.match(error.message, /earliest cooldown ends at/);
    const retryAfter = Number(error.headers?.get('retry-after'));
    assert.ok(retryAfter >= 28 && retryAfter <= 30, `retry-after ${retryAfter}`);
  });

  it('a stream that dies after its first chunk is never retried elsewhere: no duplicate output', async () => {
    fixture.a.fail({ cutAfterChunks: 2 });
    const stream = await client.chat.completions.create({ model: 'chain', messages, stream: true });
    const received: string[] = [];
    await assert.rejects(async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
    });
    assert.ok(received.length > 0, 'the first chunks reached the client');
    assert.deepEqual(fixture.counts(), { a: 1, b: 0, c: 0 });
  });

  it('a stream that fails before its first byte falls back', async () => {
    fixture.a.fail({ status: 503 });
    const stream = await client.chat.completions.create({ model: 'chain', messages, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, 'Echo: Hello');
    assert.deepEqual(fixture.counts(), { a: 1, b: 1, c: 0 });
  });

  it('a target that sends no first token within firstTokenTimeoutMs counts as failed', async () => {
    const patched = await fixture.router.manage('PATCH', '/api/resilience', { firstTokenTimeoutMs: 300 });
    assert.equal(patched.status, 200);
    try {
      fixture.a.fail({ delayMs: 3000 });
      const { data, response } = await client.chat.completions.create({ model: 'chain', messages, stream: true }).withResponse();
      let text = '';
      for await (const chunk of data) text += chunk.choices[0]?.delta.content ?? '';
      assert.equal(text, 'Echo: Hello');
      assert.equal(response.headers.get('x-omniroute-provider'), 'b');
      await fixture.a.waitForAborted(1);
    } finally {
      await fixture.router.manage('PATCH', '/api/resilience', { firstTokenTimeoutMs: 60_000 });
    }
  });
});

describe('circuit breaker and cooldown expiry on a single target', () => {
  let fixture: RoutingFixture;

  before(async () => {
    fixture = await startRoutingFixture();
    await fixture.router.manage('PATCH', '/api/resilience', { breaker: { failureThreshold: 2, openMs: 1000 } });
  });
  after(() => fixture.close());
  beforeEach(() => fixture.reset());

  const ask = () => fixture.client.chat.completions.create({ model: `b/${model}`, messages }).withResponse();
  const breakerOf = async (provider: string) => {
    const limits = (await (await fixture.router.manage('GET', '/api/rate-limits')).json()) as { accounts: { provider: string; breaker: string; state: string }[] };
    return limits.accounts.find((account) => account.provider === provider);
  };

  it('opens after consecutive failures, lets one probe through after openMs, and closes on its success', async () => {
    fixture.b.fail({ status: 500 });
    fixture.b.fail({ status: 502 });
    assert.equal((await failure(ask())).status, 500, 'one attempt: the upstream error as it is');
    assert.equal((await failure(ask())).status, 502);
    assert.equal((await breakerOf('b'))?.state, 'breaker-open');
    const skipped = await failure(ask());
    assert.equal(skipped.status, 503);
    assert.match(skipped.message, /circuit breaker open/);
    assert.equal(fixture.b.requests.length, 2, 'an open breaker keeps requests away from the upstream');
    await new Promise((resolve) => setTimeout(resolve, 1050));
    assert.equal((await breakerOf('b'))?.state, 'half-open');
    await ask();
    assert.equal((await breakerOf('b'))?.breaker, 'closed');
    assert.equal(fixture.b.requests.length, 3);
  });

  it('a failed probe opens the breaker again', async () => {
    fixture.b.fail({ status: 500 });
    fixture.b.fail({ status: 500 });
    await failure(ask());
    await failure(ask());
    await new Promise((resolve) => setTimeout(resolve, 1050));
    fixture.b.fail({ status: 500 });
    await failure(ask());
    assert.equal((await breakerOf('b'))?.state, 'breaker-open');
  });

  it('a rate-limited only account answers 429 with Retry-After until its cooldown ends, without calling upstream', async () => {
    fixture.c.fail({ status: 429, headers: { 'retry-after-ms': '400' } });
    const ask = () => fixture.client.chat.completions.create({ model: `c/${model}`, messages }).withResponse();
    assert.equal((await failure(ask())).status, 429);
    const cooling = await failure(ask());
    assert.equal(cooling.status, 429);
    assert.equal(cooling.headers?.get('retry-after'), '1');
    assert.match(cooling.message, /cooling down \(rate-limited\)/);
    assert.equal(fixture.c.requests.length, 1);
    await new Promise((resolve) => setTimeout(resolve, 450));
    const { response } = await ask();
    assert.equal(response.status, 200);
  });

  it('POST /api/resilience/reset clears cooldowns and breakers', async () => {
    fixture.c.fail({ status: 429, headers: { 'retry-after': '600' } });
    await failure(fixture.client.chat.completions.create({ model: `c/${model}`, messages }));
    const reset = await fixture.router.manage('POST', '/api/resilience/reset', { provider: 'c' });
    assert.deepEqual(await reset.json(), { ok: true, reset: 1 });
    const answer = await fixture.client.chat.completions.create({ model: `c/${model}`, messages });
    assert.equal(answer.choices[0]?.message.content, 'Echo: Hello');
  });
});
