import type { Settings } from '../../shared/settings.js';
import type { ClientFormat } from '../formats/client-format.js';

type PolicySettings = Pick<Settings, 'systemPrompt' | 'thinkingBudget'>;

const noNotes: readonly string[] = Object.freeze([]);

/**
 * Applies the user's opt-in request policies (global system prompt, thinking budget) to a client
 * body, in the client's format, before routing: every attempt, passthrough or translated, then
 * carries them. Returns the notes to report (request log, `x-omniroute-policies`). Runs on every
 * chat request, so with both policies off it only reads two fields.
 */
export function applyRequestPolicies(format: ClientFormat, body: Record<string, unknown>, settings: PolicySettings): readonly string[] {
  const { systemPrompt, thinkingBudget } = settings;
  if (!requestPoliciesActive(settings)) return noNotes;
  if (!format.applyRequestPolicies) return noNotes;
  return format.applyRequestPolicies(body, {
    ...(systemPrompt.enabled ? { systemPrompt: { prompt: systemPrompt.prompt, mode: systemPrompt.mode } } : {}),
    ...(thinkingBudget.mode !== 'passthrough' ? { thinkingBudget: { mode: thinkingBudget.mode, budgetTokens: thinkingBudget.budgetTokens } } : {}),
  });
}

/** Whether any request policy is on: the check the request path makes before anything else. */
export function requestPoliciesActive(settings: PolicySettings): boolean {
  return settings.systemPrompt.enabled || settings.thinkingBudget.mode !== 'passthrough';
}

/**
 * What of the active policies changes an answer, as a string for cache keys: '' when both are off,
 * so the keys of requests without policies stay what they were. The response cache sits in front
 * of the route and keys on the client's body, which the policies change only later.
 */
export function requestPoliciesKey(settings: PolicySettings): string {
  const { systemPrompt, thinkingBudget } = settings;
  if (!requestPoliciesActive(settings)) return '';
  const prompt = systemPrompt.enabled ? `system-prompt:${systemPrompt.mode}:${systemPrompt.prompt}` : '';
  const budget = thinkingBudget.mode === 'passthrough' ? '' : `thinking-budget:${thinkingBudget.mode}:${thinkingBudget.budgetTokens}`;
  return `${prompt}\n${budget}`;
}
