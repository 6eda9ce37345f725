import { GatewayError } from '../../errors/gateway-error.js';
import type { RuntimeAccount } from '../provider-catalog.js';
import type { AccountHealth, AccountHealthRegistry } from './account-health.js';
import { allAttemptsFailed } from './all-attempts-failed.js';
import type { AttemptRecord } from './attempt-record.js';
import { classifyFailure, type FailureAction } from './failure-rules.js';
import type { RouteCandidate, UnusableTarget } from './route-candidate.js';

/** One upstream call the plan hands out. */
export interface Attempt {
  candidate: RouteCandidate;
  account: RuntimeAccount;
  health: AccountHealth;
  startedAt: number;
  /** 1 for the first attempt of the request. */
  number: number;
}

/** What the plan needs from the engine that made it. */
export interface PlanServices {
  health: AccountHealthRegistry;
  /** The candidate's accounts in the provider's preferred order. */
  orderAccounts(candidate: RouteCandidate): RuntimeAccount[];
  onAuthFailure(attempt: Attempt, error: GatewayError): void;
  onHealthChange(): void;
  /** A candidate started answering (fill-first combos remember where they are). */
  onSuccess(candidate: RouteCandidate): void;
  now(): number;
  maxAttempts: number;
}

/** Pause before the one retry of the same account that a `retry-same` rule asks for. */
export const retrySameDelayMs = 250;

/**
 * The attempt sequence of one request: candidates in order, each candidate's accounts in order,
 * skipping accounts that are cooling down or whose breaker is open, and moving on as the failure
 * rules say. Everything tried or skipped is recorded for the error a client sees when all fail.
 */
export class RoutePlan {
  readonly attempts: AttemptRecord[] = [];
  #candidateIndex = 0;
  #accountIndex = 0;
  #accounts: RuntimeAccount[] | undefined;
  #made = 0;
  #fatal: GatewayError | undefined;
  #lastError: GatewayError | undefined;
  #retry: Attempt | undefined;
  /** Accounts already retried once (a failure path, so made on first use). */
  #retried: Set<string> | undefined;

  constructor(
    private readonly services: PlanServices,
    readonly requestedModel: string,
    readonly candidates: readonly RouteCandidate[],
    readonly unusable: readonly UnusableTarget[],
    /** Request policies applied to this request, one sentence each. */
    readonly notes: readonly string[],
  ) {
    for (const target of unusable) this.attempts.push({ target: target.target, outcome: 'skipped', reason: target.reason });
  }

  /** Upstream calls made so far. */
  get attemptCount(): number {
    return this.#made;
  }

  /** The next attempt, or undefined when the plan is exhausted (then `failure()` says why). */
  next(): Attempt | undefined {
    if (this.#fatal || this.#made >= this.services.maxAttempts) return undefined;
    const now = this.services.now();
    if (this.#retry) {
      const retry = this.#retry;
      this.#retry = undefined;
      return this.#begin(retry.candidate, retry.account, retry.health, now);
    }
    while (this.#candidateIndex < this.candidates.length) {
      const candidate = this.candidates[this.#candidateIndex] as RouteCandidate;
      const accounts = (this.#accounts ??= this.services.orderAccounts(candidate));
      while (this.#accountIndex < accounts.length) {
        const account = accounts[this.#accountIndex] as RuntimeAccount;
        const health = this.services.health.get(account.id, candidate.provider.record.name);
        const availability = this.services.health.availability(health, now);
        if (availability.available) return this.#begin(candidate, account, health, now);
        this.attempts.push({
          target: candidate.publicModel,
          account: account.label,
          accountId: account.id,
          outcome: 'skipped',
          reason: availability.reason,
          availableAt: availability.until,
        });
        this.#accountIndex += 1;
      }
      this.#nextCandidate();
    }
    return undefined;
  }

  /** The attempt failed before anything reached the client; returns what happens next. */
  failed(attempt: Attempt, error: GatewayError): { action: FailureAction; retryDelayMs: number } {
    const now = this.services.now();
    const rule = classifyFailure(error);
    const breakerWas = attempt.health.breaker;
    const alreadyFlagged = attempt.health.authFailure !== undefined;
    const until = this.services.health.failed(attempt.health, rule, error, now);
    // Told once, when the account becomes flagged: not on every request that still finds it refused.
    if (rule.flagAccount && !alreadyFlagged) this.services.onAuthFailure(attempt, error);
    if (until > 0 || attempt.health.breaker !== breakerWas) this.services.onHealthChange();
    let action = rule.action;
    if (action === 'retry-same') {
      this.#retried ??= new Set();
      if (this.#retried.has(attempt.account.id)) action = 'next-target';
      else this.#retried.add(attempt.account.id);
    }
    const availableAt = this.services.health.availableAt(attempt.health, now);
    this.attempts.push({
      target: attempt.candidate.publicModel,
      account: attempt.account.label,
      accountId: attempt.account.id,
      outcome: 'failed',
      status: error.status,
      code: error.code,
      rule: rule.name,
      action,
      reason: error.message.length > 240 ? error.message.slice(0, 239) + '…' : error.message,
      ...(availableAt > now ? { availableAt } : {}),
    });
    this.#lastError = error;
    switch (action) {
      case 'fatal':
        this.#fatal = error;
        break;
      case 'retry-same':
        this.#retry = attempt;
        break;
      case 'next-account':
        this.#accountIndex += 1;
        break;
      case 'next-target':
        this.#nextCandidate();
        break;
    }
    return { action, retryDelayMs: action === 'retry-same' ? retrySameDelayMs : 0 };
  }

  /** The attempt's upstream answered and its first byte is on the way to the client. */
  succeeded(attempt: Attempt, headers: Readonly<Record<string, string | string[] | undefined>>): void {
    const health = attempt.health;
    const changed = health.breaker !== 'closed' || health.authFailure !== undefined;
    this.services.health.succeeded(health, headers, this.services.now());
    this.services.onSuccess(attempt.candidate);
    if (changed || health.cooldownUntil > this.services.now()) this.services.onHealthChange();
  }

  /** The error for the client once the plan is exhausted. */
  failure(): GatewayError {
    if (this.#fatal) return this.#fatal;
    const failures = this.attempts.filter((attempt) => attempt.outcome === 'failed');
    // One call, nothing else tried or skipped: the upstream's own error is the clearest answer.
    if (failures.length === 1 && failures.length === this.attempts.length && this.#lastError) return this.#lastError;
    if (this.candidates.length === 0 && this.attempts.length === 0) {
      return new GatewayError({ code: 'unavailable', status: 503, message: `Nothing routes the model '${this.requestedModel}'.` });
    }
    return allAttemptsFailed({
      model: this.requestedModel,
      attempts: this.attempts,
      lastError: this.#lastError,
      exhaustedBudget: this.#made >= this.services.maxAttempts,
      now: this.services.now(),
    });
  }

  #begin(candidate: RouteCandidate, account: RuntimeAccount, health: AccountHealth, now: number): Attempt {
    this.services.health.begin(health, now);
    this.#made += 1;
    return { candidate, account, health, startedAt: now, number: this.#made };
  }

  #nextCandidate(): void {
    this.#candidateIndex += 1;
    this.#accountIndex = 0;
    this.#accounts = undefined;
  }
}
