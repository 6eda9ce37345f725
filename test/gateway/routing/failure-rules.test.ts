import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, UpstreamHttpError, type GatewayErrorCode } from '../../../main/errors/gateway-error.js';
import { classifyFailure, failureRules } from '../../../main/gateway/routing/failure-rules.js';

function upstream(status: number, message: string, body?: unknown): UpstreamHttpError {
  return new UpstreamHttpError({ code: 'upstream_error', status, provider: 'p', message, upstreamBody: body });
}
function ours(code: GatewayErrorCode, status: number): GatewayError {
  return new GatewayError({ code, status, provider: 'p', message: 'x' });
}

/** One case per rule, in table order: the failure and the rule (and action) it must get. */
const cases: { rule: string; action: string; error: GatewayError }[] = [
  { rule: 'context-length', action: 'next-target', error: upstream(400, "This model's maximum context length is 128000 tokens.", { error: { code: 'context_length_exceeded' } }) },
  { rule: 'model-unsupported', action: 'next-target', error: upstream(400, 'The model `x` is not supported for this account.') },
  { rule: 'accounts-unavailable', action: 'next-target', error: upstream(503, 'All accounts unavailable, maximum retry limit reached') },
  { rule: 'payment-required', action: 'next-account', error: upstream(402, 'Payment required') },
  { rule: 'quota-exhausted', action: 'next-account', error: upstream(429, 'Rate limited', { error: { code: 'insufficient_quota', type: 'insufficient_quota' } }) },
  { rule: 'auth-rejected', action: 'next-account', error: upstream(401, 'Incorrect API key provided') },
  { rule: 'rate-limited', action: 'next-account', error: upstream(429, 'Too many requests') },
  { rule: 'overloaded', action: 'retry-same', error: upstream(529, 'Overloaded') },
  { rule: 'timeout', action: 'next-target', error: upstream(408, 'Request timeout') },
  { rule: 'unreachable', action: 'next-target', error: ours('upstream_unreachable', 502) },
  { rule: 'server-error', action: 'next-target', error: upstream(500, 'Internal error') },
  { rule: 'client-error', action: 'fatal', error: upstream(400, "Invalid value for 'temperature'.") },
];

describe('failure rules', () => {
  for (const { rule, action, error } of cases) {
    it(`${rule}: ${error.status} "${error.message}" -> ${action}`, () => {
      const matched = classifyFailure(error);
      assert.equal(matched.name, rule);
      assert.equal(matched.action, action);
    });
  }

  it('every rule of the table has its case above', () => {
    assert.deepEqual(
      failureRules.map((rule) => rule.name),
      cases.map((entry) => entry.rule),
    );
  });

  it('the first match wins: a 403 that speaks of quota is a quota error, not an auth one', () => {
    assert.equal(classifyFailure(upstream(403, 'You exceeded your current quota')).name, 'quota-exhausted');
    assert.equal(classifyFailure(upstream(403, 'Forbidden')).name, 'auth-rejected');
  });

  it('a first-token timeout and a stream cut before the first byte move on', () => {
    assert.equal(classifyFailure(ours('upstream_timeout', 504)).action, 'next-target');
    assert.equal(classifyFailure(ours('stream_interrupted', 502)).action, 'next-target');
  });

  it('rules that wait for a reset cool the account down; auth failures flag it without a cooldown', () => {
    const auth = classifyFailure(upstream(401, 'bad key'));
    assert.equal(auth.flagAccount, true);
    assert.equal(auth.cooldown.kind, 'none');
    assert.equal(classifyFailure(upstream(429, 'slow down')).cooldown.kind, 'reset');
    assert.equal(classifyFailure(upstream(402, 'pay')).cooldown.kind, 'reset');
  });
});
