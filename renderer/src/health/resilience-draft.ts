import { resiliencePatchSchema, type AccountStrategy, type ResiliencePatch, type ResilienceSettings } from '../../../shared/resilience.js';
import { fieldErrors, numberOf, type FieldErrors } from '../components/field-errors.js';

/** The numbers the form edits, by their path in the settings (`breaker.openMs`). */
export const resilienceNumberFields = [
  { path: 'maxAttempts', label: 'Most attempts per request', hint: 'Across targets and accounts.' },
  { path: 'firstTokenTimeoutMs', label: 'First token timeout (ms)', hint: 'A stream silent this long moves on to the next target; 0 turns it off.' },
  { path: 'breaker.failureThreshold', label: 'Breaker opens after (failures in a row)', hint: 'Server errors, timeouts and unreachable upstreams count.' },
  { path: 'breaker.openMs', label: 'Breaker stays open (ms)', hint: 'Then one probe request is let through.' },
  { path: 'stickySessionTtlMs', label: 'Sticky session lifetime (ms)', hint: 'Since a session’s last request; 0 turns stickiness off.' },
] as const;

export type ResilienceNumberPath = (typeof resilienceNumberFields)[number]['path'];

/** What the inputs hold: numbers as typed. */
export type ResilienceDraft = Record<ResilienceNumberPath, string> & { accountStrategy: AccountStrategy };

export function toResilienceDraft(settings: ResilienceSettings): ResilienceDraft {
  return {
    maxAttempts: String(settings.maxAttempts),
    firstTokenTimeoutMs: String(settings.firstTokenTimeoutMs),
    accountStrategy: settings.accountStrategy,
    'breaker.failureThreshold': String(settings.breaker.failureThreshold),
    'breaker.openMs': String(settings.breaker.openMs),
    stickySessionTtlMs: String(settings.stickySessionTtlMs),
  };
}

/** The PATCH the draft stands for, checked with the schema the server applies. */
export function parseResilienceDraft(draft: ResilienceDraft): { patch: ResiliencePatch } | { errors: FieldErrors } {
  const result = resiliencePatchSchema.safeParse({
    maxAttempts: numberOf(draft.maxAttempts),
    firstTokenTimeoutMs: numberOf(draft.firstTokenTimeoutMs),
    accountStrategy: draft.accountStrategy,
    breaker: { failureThreshold: numberOf(draft['breaker.failureThreshold']), openMs: numberOf(draft['breaker.openMs']) },
    stickySessionTtlMs: numberOf(draft.stickySessionTtlMs),
  });
  return result.success ? { patch: result.data } : { errors: fieldErrors(result.error.issues) };
}
