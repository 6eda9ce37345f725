import { randomBytes } from 'node:crypto';

/**
 * An id for a tool call an upstream sent without one (some local servers do). Ids are otherwise
 * kept exactly as given; other formats need one to pair the call with its result.
 */
export function missingToolCallId(): string {
  return `call_${randomBytes(12).toString('hex')}`;
}
