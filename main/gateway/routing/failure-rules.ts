import type { GatewayError, GatewayErrorCode } from '../../errors/gateway-error.js';

/**
 * What the router does after a failed attempt:
 * - `retry-same`: the same account once more, after a short pause (the vendor asked for it);
 * - `next-account`: another account of the same provider (the failure belongs to this account:
 *   its key, its quota, its rate limit), then the next target;
 * - `next-target`: skip this provider's other accounts and move to the next target (the provider
 *   or the model is the problem);
 * - `fatal`: the request itself is at fault; another target would fail the same way, so the
 *   client gets the error as it is.
 */
export type FailureAction = 'retry-same' | 'next-account' | 'next-target' | 'fatal';

/** How long the account sits out after a failure. */
export type CooldownSpec =
  /** The reset time the upstream announced (Retry-After, rate-limit reset headers), else `fallbackMs`. */
  | { kind: 'reset'; fallbackMs: number }
  | { kind: 'none' };

export interface FailureRule {
  /** Stable name, shown in the attempt list and the request log. */
  name: string;
  /** HTTP statuses this rule applies to (any when absent). */
  statuses?: readonly number[];
  /** Status range, inclusive (e.g. every 5xx). */
  statusRange?: readonly [number, number];
  /** Gateway error codes this rule applies to (any when absent). */
  codes?: readonly GatewayErrorCode[];
  /** Matched against the error message and the upstream's error code/type (any when absent). */
  match?: RegExp;
  action: FailureAction;
  cooldown: CooldownSpec;
  /** The account's credentials were refused: flag it for the user. */
  flagAccount?: boolean;
  /** Counts toward the account's circuit breaker. */
  tripsBreaker?: boolean;
}

const minute = 60_000;
const contextLength = /context[ _-]?length|context window|maximum context|prompt is too long|too many (input )?tokens|input is too long|exceeds the (maximum|model's)/i;
const modelUnsupported = /model[^.]{0,40}(not supported|not found|does not exist|unsupported|not available|is not enabled)|unknown model|invalid model|model_not_found|unsupported_model/i;
const quota = /quota|insufficient[ _]credit|credit balance|billing|exceeded your current|usage limit|out of credits|payment required/i;
const accountsUnavailable = /all accounts|no (available|active) accounts?|accounts? (are )?unavailable|maximum retry limit/i;

/**
 * The failure classification, first match wins. One declarative table so the behaviour can be read
 * (and is documented) in one place; every rule has its own test.
 */
export const failureRules: readonly FailureRule[] = [
  // The request is too big for this model; a target with a larger window may still take it.
  { name: 'context-length', statuses: [400, 413, 422], match: contextLength, action: 'next-target', cooldown: { kind: 'none' } },
  // Relays wrap "model not supported" in a 400/404: the next target may well serve it.
  { name: 'model-unsupported', statuses: [400, 404, 422], match: modelUnsupported, action: 'next-target', cooldown: { kind: 'none' } },
  // Relays (and some vendors) report their own exhausted pool with a 400/429/503.
  { name: 'accounts-unavailable', match: accountsUnavailable, action: 'next-target', cooldown: { kind: 'reset', fallbackMs: minute }, tripsBreaker: true },
  { name: 'payment-required', statuses: [402], action: 'next-account', cooldown: { kind: 'reset', fallbackMs: 60 * minute } },
  { name: 'quota-exhausted', statuses: [403, 429], match: quota, action: 'next-account', cooldown: { kind: 'reset', fallbackMs: 60 * minute } },
  // No cooldown: the user may fix the key at any moment; a flagged account is tried last instead.
  { name: 'auth-rejected', statuses: [401, 403], action: 'next-account', cooldown: { kind: 'none' }, flagAccount: true },
  { name: 'rate-limited', statuses: [429], action: 'next-account', cooldown: { kind: 'reset', fallbackMs: 30_000 } },
  // Anthropic's "overloaded" is transient and asks for a retry.
  { name: 'overloaded', statuses: [529], action: 'retry-same', cooldown: { kind: 'none' }, tripsBreaker: true },
  { name: 'timeout', statuses: [408], action: 'next-target', cooldown: { kind: 'none' }, tripsBreaker: true },
  { name: 'unreachable', codes: ['upstream_unreachable', 'upstream_timeout', 'stream_interrupted'], action: 'next-target', cooldown: { kind: 'none' }, tripsBreaker: true },
  { name: 'server-error', statusRange: [500, 599], action: 'next-target', cooldown: { kind: 'none' }, tripsBreaker: true },
  // Anything else the upstream refused (a bad parameter, a 404 path) is the request's own fault.
  { name: 'client-error', statusRange: [400, 499], action: 'fatal', cooldown: { kind: 'none' } },
];

/** The rule that applies when no rule matches (a non-HTTP failure of ours). */
export const fallbackRule: FailureRule = { name: 'other', action: 'fatal', cooldown: { kind: 'none' } };

/** Picks the first matching rule for a failure. */
export function classifyFailure(error: GatewayError, rules: readonly FailureRule[] = failureRules): FailureRule {
  const text = matchText(error);
  for (const rule of rules) {
    if (rule.statuses && !rule.statuses.includes(error.status)) continue;
    if (rule.statusRange && (error.status < rule.statusRange[0] || error.status > rule.statusRange[1])) continue;
    if (rule.codes && !rule.codes.includes(error.code)) continue;
    if (rule.match && !rule.match.test(text)) continue;
    return rule;
  }
  return fallbackRule;
}

/** The message plus the upstream's own error code and type, which carry `insufficient_quota` and the like. */
function matchText(error: GatewayError): string {
  const body = (error as { upstreamBody?: unknown }).upstreamBody;
  const inner = body && typeof body === 'object' ? ((body as { error?: unknown }).error ?? body) : undefined;
  if (!inner || typeof inner !== 'object') return error.message;
  const { code, type, status } = inner as { code?: unknown; type?: unknown; status?: unknown };
  return [error.message, code, type, status].filter((part) => typeof part === 'string' || typeof part === 'number').join(' ');
}
