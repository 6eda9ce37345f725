/** Bounds memory when clients invent a session id per request. */
const maxSessions = 10_000;

export interface StickySession {
  /** The client's `X-Session-Id` (or `x_session_id`). */
  sessionId: string;
  apiKeyId: string | null;
  /** The model the client asked for (a combo, alias or `provider/model`). */
  requestedModel: string;
  /** Where the session is pinned: the target and account that last answered. */
  target: string;
  accountId: string;
  createdAt: number;
  lastUsedAt: number;
  requests: number;
}

/**
 * Keeps a conversation on the account that answered it before, while that account is healthy, so
 * the vendor's prompt cache stays warm. A session is per client key and requested model.
 */
export class StickySessions {
  readonly #sessions = new Map<string, StickySession>();

  constructor(private readonly ttlMs: () => number) {}

  get(sessionId: string, apiKeyId: string | null, requestedModel: string, now: number): StickySession | undefined {
    const key = sessionKey(sessionId, apiKeyId, requestedModel);
    const session = this.#sessions.get(key);
    if (!session) return undefined;
    if (now - session.lastUsedAt > this.ttlMs()) {
      this.#sessions.delete(key);
      return undefined;
    }
    return session;
  }

  /** Records the account that answered; refreshes the session's position as most recent. */
  remember(entry: { sessionId: string; apiKeyId: string | null; requestedModel: string; target: string; accountId: string }, now: number): void {
    if (this.ttlMs() === 0) return;
    const key = sessionKey(entry.sessionId, entry.apiKeyId, entry.requestedModel);
    const existing = this.#sessions.get(key);
    this.#sessions.delete(key);
    this.#sessions.set(key, {
      ...entry,
      createdAt: existing?.createdAt ?? now,
      lastUsedAt: now,
      requests: (existing?.requests ?? 0) + 1,
    });
    if (this.#sessions.size > maxSessions) {
      // Map iteration is insertion order and `remember` re-inserts: the first key is the stalest.
      const stalest = this.#sessions.keys().next().value;
      if (stalest !== undefined) this.#sessions.delete(stalest);
    }
  }

  /** Live sessions, most recent first. */
  list(now: number): StickySession[] {
    const live: StickySession[] = [];
    for (const [key, session] of this.#sessions) {
      if (now - session.lastUsedAt > this.ttlMs()) this.#sessions.delete(key);
      else live.push(session);
    }
    return live.reverse();
  }

  clear(): void {
    this.#sessions.clear();
  }
}

function sessionKey(sessionId: string, apiKeyId: string | null, requestedModel: string): string {
  return `${apiKeyId ?? ''}\u0000${requestedModel}\u0000${sessionId}`;
}
