import { ApiError, errorMessage } from '../api/client.js';

/** Error messages by field path (`limit`, `breaker.openMs`); `''` holds those of no one field. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * The first zod issue of each field, keyed by its dotted path. A field typed as text that is not a
 * number gets a plainer message than zod's "expected number, received NaN".
 */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    errors[key] ??= issue.code === 'invalid_type' && (issue as { received?: unknown }).received === 'NaN' ? 'Enter a number.' : issue.message;
  }
  return errors;
}

/** What a number input holds, as a number; NaN when it is blank or not a number. */
export function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** A failed save as field errors: at the field the server named (`param`), else for the form. */
export function errorsOfFailure(failure: unknown): FieldErrors {
  return { [failure instanceof ApiError && failure.param ? failure.param : '']: errorMessage(failure) };
}
