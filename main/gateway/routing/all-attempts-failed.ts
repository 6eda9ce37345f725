import { GatewayError } from '../../errors/gateway-error.js';
import type { AttemptRecord } from './attempt-record.js';

/** Failure rules that mean "this account is out for now", as opposed to "this target is broken". */
const limitRules = new Set(['rate-limited', 'quota-exhausted', 'payment-required']);

/**
 * The error a client gets when every target failed or was unavailable: every attempt with its
 * target, status and reason in the message (readable in any client's error display), the same as
 * structured `attempts` where the envelope can carry it, and when the earliest cooldown ends
 * (also as `Retry-After`, so a client that honours it waits exactly long enough).
 */
export function allAttemptsFailed(options: {
  model: string;
  attempts: readonly AttemptRecord[];
  lastError: GatewayError | undefined;
  /** The plan stopped at the attempt limit rather than running out of targets. */
  exhaustedBudget: boolean;
  now: number;
}): GatewayError {
  const { attempts, now } = options;
  const earliest = attempts.reduce<number | undefined>(
    (soonest, attempt) => (attempt.availableAt !== undefined && attempt.availableAt > now && (soonest === undefined || attempt.availableAt < soonest) ? attempt.availableAt : soonest),
    undefined,
  );
  const onlyLimits = attempts.every((attempt) => (attempt.outcome === 'failed' ? limitRules.has(attempt.rule ?? '') : attempt.availableAt !== undefined && /cooling/.test(attempt.reason)));
  const statuses = new Set(attempts.filter((attempt) => attempt.outcome === 'failed').map((attempt) => attempt.status));
  const [onlyStatus] = statuses;
  let status: number;
  if (onlyLimits) status = 429;
  else if (statuses.size === 1 && onlyStatus !== undefined && attempts.every((attempt) => attempt.outcome === 'failed')) status = onlyStatus;
  else status = 503;
  const calls = attempts.filter((attempt) => attempt.outcome === 'failed').length;
  const lines = attempts.map((attempt, index) => `${index + 1}. ${describe(attempt, now)}`);
  const head = options.exhaustedBudget
    ? `No target for '${options.model}' answered within the attempt limit (${calls} upstream calls).`
    : `No target for '${options.model}' could answer (${calls} upstream ${calls === 1 ? 'call' : 'calls'}, ${attempts.length - calls} skipped).`;
  const tail = earliest === undefined ? '' : ` The earliest cooldown ends at ${new Date(earliest).toISOString()} (in ${Math.ceil((earliest - now) / 1000)} s).`;
  return new GatewayError({
    code: status === 429 ? 'rate_limited' : 'all_attempts_failed',
    status,
    message: `${head} ${lines.join(' ')}${tail}`,
    headers: earliest === undefined ? {} : { 'retry-after': String(Math.max(1, Math.ceil((earliest - now) / 1000))) },
    details: {
      attempts: attempts.map((attempt) => ({
        ...attempt,
        ...(attempt.availableAt === undefined ? {} : { availableAt: new Date(attempt.availableAt).toISOString() }),
      })),
      ...(earliest === undefined ? {} : { retryAt: new Date(earliest).toISOString() }),
    },
    ...(options.lastError?.provider ? { provider: options.lastError.provider } : {}),
  });
}

function describe(attempt: AttemptRecord, now: number): string {
  const where = attempt.account ? `${attempt.target} (account '${attempt.account}')` : attempt.target;
  if (attempt.outcome === 'skipped') {
    const until = attempt.availableAt !== undefined && attempt.availableAt > now ? ` until ${new Date(attempt.availableAt).toISOString()}` : '';
    return `${where}: skipped, ${attempt.reason}${until}.`;
  }
  const cooling = attempt.availableAt !== undefined && attempt.availableAt > now ? `; unavailable until ${new Date(attempt.availableAt).toISOString()}` : '';
  return `${where}: ${attempt.status} ${attempt.rule}: ${attempt.reason.replace(/\.$/, '')}${cooling}.`;
}
