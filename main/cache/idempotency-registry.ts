import { GatewayError } from '../errors/gateway-error.js';
import type { StoredAnswer } from './stored-answer.js';

interface IdempotentRequest {
  fingerprint: string;
  /** Settles with the first request's answer, or undefined when it never completed. */
  answer: Promise<StoredAnswer | undefined>;
  /** Set once the first request finished with a success worth keeping. */
  expiresAt?: number;
}

/** The first request under a key: it runs, and reports its answer when done. */
export interface IdempotencyLeader {
  kind: 'leader';
  finish(answer: StoredAnswer | undefined): void;
}

/** A duplicate: it gets the first request's answer, waiting for it while in flight. */
export interface IdempotencyDuplicate {
  kind: 'duplicate';
  answer: Promise<StoredAnswer | undefined>;
}

/**
 * Requests by idempotency key (`Idempotency-Key` or `X-Request-Id`, scoped per client). A duplicate
 * of a request in flight waits for its answer, whatever it is (errors included); a success is kept
 * for `windowMs` after it finished, a failure is not, so a client's retry after a failure really
 * runs again. The same key with a different request is a 409. Memory only: the window is seconds.
 */
export class IdempotencyRegistry {
  readonly #requests = new Map<string, IdempotentRequest>();
  /** Finished requests in finish order, to forget them once their window passed. */
  readonly #finished: { key: string; request: IdempotentRequest }[] = [];

  constructor(private readonly now: () => number) {}

  claim(key: string, fingerprint: string, windowMs: number): IdempotencyLeader | IdempotencyDuplicate {
    this.#forgetExpired();
    const existing = this.#requests.get(key);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new GatewayError({
          code: 'conflict',
          status: 409,
          message: 'This idempotency key (Idempotency-Key or X-Request-Id) was used for a different request; use a new key for a new request.',
        });
      }
      return { kind: 'duplicate', answer: existing.answer };
    }
    let settle!: (answer: StoredAnswer | undefined) => void;
    const request: IdempotentRequest = { fingerprint, answer: new Promise((resolve) => (settle = resolve)) };
    this.#requests.set(key, request);
    return {
      kind: 'leader',
      finish: (answer) => {
        settle(answer);
        if (this.#requests.get(key) !== request) return;
        if (answer && answer.status >= 200 && answer.status < 300 && windowMs > 0) {
          request.expiresAt = this.now() + windowMs;
          this.#finished.push({ key, request });
        } else {
          this.#requests.delete(key);
        }
      },
    };
  }

  /** Keys in flight or within their window. */
  get activeKeys(): number {
    this.#forgetExpired();
    return this.#requests.size;
  }

  clear(): void {
    // Requests in flight keep their waiters; only finished answers are dropped.
    for (const { key, request } of this.#finished) if (this.#requests.get(key) === request) this.#requests.delete(key);
    this.#finished.length = 0;
  }

  #forgetExpired(): void {
    const now = this.now();
    while (this.#finished.length > 0 && (this.#finished[0]?.request.expiresAt ?? 0) <= now) {
      const { key, request } = this.#finished.shift() as { key: string; request: IdempotentRequest };
      if (this.#requests.get(key) === request) this.#requests.delete(key);
    }
  }
}
