import type { ResilienceSettings } from '../../../shared/resilience.js';
import type { GatewayError } from '../../errors/gateway-error.js';
import type { FailureRule } from './failure-rules.js';
import { exhaustedWindowReset, resetTimeFromHeaders } from './rate-limit-reset.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** What the router knows about one account right now; kept in memory, rebuilt from traffic. */
export interface AccountHealth {
  accountId: string;
  provider: string;
  /** Not used before this time (ms epoch); 0 when not cooling down. */
  cooldownUntil: number;
  /** The failure rule (or `quota-window`) that started the cooldown. */
  cooldownReason: string | undefined;
  breaker: BreakerState;
  consecutiveFailures: number;
  /** When the breaker last opened. */
  openedAt: number;
  /** A half-open breaker lets exactly one probe through at a time. */
  probeInFlight: boolean;
  /** The upstream refused the credentials: the user has to act. Cleared by a success. */
  authFailure: { status: number; message: string; at: number } | undefined;
  requests: number;
  failures: number;
  lastUsedAt: number;
  lastError: { status: number; rule: string; message: string; at: number } | undefined;
}

export type Availability = { available: true; probe: boolean } | { available: false; reason: string; until: number };

const availableNow: Availability = Object.freeze({ available: true, probe: false });

/**
 * Per-account cooldowns and circuit breakers (closed -> open after N consecutive failures ->
 * half-open after `openMs`, one probe -> closed on success or open again on failure).
 */
export class AccountHealthRegistry {
  readonly #accounts = new Map<string, AccountHealth>();

  constructor(private readonly settings: () => ResilienceSettings) {}

  get(accountId: string, provider: string): AccountHealth {
    let health = this.#accounts.get(accountId);
    if (!health) {
      health = {
        accountId,
        provider,
        cooldownUntil: 0,
        cooldownReason: undefined,
        breaker: 'closed',
        consecutiveFailures: 0,
        openedAt: 0,
        probeInFlight: false,
        authFailure: undefined,
        requests: 0,
        failures: 0,
        lastUsedAt: 0,
        lastError: undefined,
      };
      this.#accounts.set(accountId, health);
    }
    return health;
  }

  /** Whether an attempt may use the account now; never changes state. */
  availability(health: AccountHealth, now: number): Availability {
    if (health.cooldownUntil > now) return { available: false, reason: `cooling down (${health.cooldownReason ?? 'cooldown'})`, until: health.cooldownUntil };
    if (health.breaker === 'closed') return availableNow;
    const halfOpenAt = health.openedAt + this.settings().breaker.openMs;
    if (now < halfOpenAt) return { available: false, reason: 'circuit breaker open', until: halfOpenAt };
    if (health.probeInFlight) return { available: false, reason: 'circuit breaker half-open, probe in flight', until: now + 1000 };
    return { available: true, probe: true };
  }

  /** When the account may take a request again (ms epoch); `now` or earlier when it may now. */
  availableAt(health: AccountHealth, now: number): number {
    const availability = this.availability(health, now);
    return availability.available ? now : availability.until;
  }

  /** An attempt starts on the account. */
  begin(health: AccountHealth, now: number): void {
    health.requests += 1;
    health.lastUsedAt = now;
    if (health.breaker !== 'closed' && health.openedAt + this.settings().breaker.openMs <= now) {
      health.breaker = 'half-open';
      health.probeInFlight = true;
    }
  }

  /** The upstream answered; its rate-limit headers may announce an exhausted window. */
  succeeded(health: AccountHealth, headers: Readonly<Record<string, string | string[] | undefined>>, now: number): void {
    health.consecutiveFailures = 0;
    health.breaker = 'closed';
    health.probeInFlight = false;
    health.authFailure = undefined;
    const reset = exhaustedWindowReset(headers, now);
    if (reset !== undefined && reset > now) {
      health.cooldownUntil = reset;
      health.cooldownReason = 'quota-window';
    }
  }

  /** An attempt failed as `rule` says; returns the cooldown end it set (0 for none). */
  failed(health: AccountHealth, rule: FailureRule, error: GatewayError, now: number): number {
    const settings = this.settings();
    health.failures += 1;
    health.probeInFlight = false;
    health.lastError = { status: error.status, rule: rule.name, message: error.message.slice(0, 300), at: now };
    if (rule.flagAccount) health.authFailure = { status: error.status, message: error.message.slice(0, 300), at: now };
    if (rule.tripsBreaker) {
      health.consecutiveFailures += 1;
      if (health.breaker === 'half-open' || health.consecutiveFailures >= settings.breaker.failureThreshold) {
        health.breaker = 'open';
        health.openedAt = now;
      }
    }
    if (rule.cooldown.kind !== 'reset') return 0;
    const fallbackMs = settings.cooldownMs[rule.name] ?? rule.cooldown.fallbackMs;
    const until = resetTimeFromHeaders(error.headers, now) ?? now + fallbackMs;
    if (until > health.cooldownUntil) {
      health.cooldownUntil = until;
      health.cooldownReason = rule.name;
    }
    return until;
  }

  /** Clears cooldowns, breakers and flags: of one account, of one provider's accounts, or all. */
  reset(filter: { accountId?: string; provider?: string } = {}): number {
    let count = 0;
    for (const [id, health] of this.#accounts) {
      if (filter.accountId !== undefined && id !== filter.accountId) continue;
      if (filter.provider !== undefined && health.provider !== filter.provider) continue;
      this.#accounts.delete(id);
      count += 1;
    }
    return count;
  }

  list(): AccountHealth[] {
    return [...this.#accounts.values()];
  }
}
