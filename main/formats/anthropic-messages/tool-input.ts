/**
 * Anthropic's `tool_use.input` must be a JSON object, while the canonical input is the upstream's
 * text, which may be empty (a call without arguments) or not JSON at all.
 *
 * Broken input becomes `{}` with `valid: false`: the client then runs its own input validation,
 * and Claude Code answers the model with a tool error naming the missing parameters, so the model
 * retries instead of the turn failing. Callers that can log should log `valid: false`.
 */
export function parseToolInput(text: string): { input: Record<string, unknown>; valid: boolean } {
  if (text.trim() === '') return { input: {}, valid: true };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { input: value as Record<string, unknown>, valid: true };
  } catch {
    // Not JSON: reported below.
  }
  return { input: {}, valid: false };
}
