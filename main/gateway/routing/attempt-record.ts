/** One line of a request's attempt list: shown in the all-failed error and the request log. */
export interface AttemptRecord {
  /** `provider/model`, or the combo target that could not be used. */
  target: string;
  /** Account label, when an account was involved. */
  account?: string;
  accountId?: string;
  /** `failed`: the upstream was called and failed; `skipped`: not called (cooling down, breaker open, unusable). */
  outcome: 'failed' | 'skipped';
  /** Upstream (or our) HTTP status of a failed attempt. */
  status?: number;
  /** Gateway error code of a failed attempt. */
  code?: string;
  /** The failure rule that classified it (`rate-limited`, `server-error`, ...). */
  rule?: string;
  /** What the router did next. */
  action?: string;
  /** Why, in one sentence. */
  reason: string;
  /** When the account may be used again (ms epoch), when it is cooling down or its breaker is open. */
  availableAt?: number;
}
