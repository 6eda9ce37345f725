import { effortForBudget, objectOf, tokens, type ThinkingBudgetPolicy } from '../request-policies.js';

/** Anthropic's efforts, weakest first (`xhigh` and `max` only on some models). */
const efforts = ['low', 'medium', 'high', 'xhigh', 'max'];

/**
 * A fixed or capped budget for a client using adaptive thinking, which takes no budget: Claude
 * models from Opus 4.7 on accept only adaptive thinking and refuse `budget_tokens`, so the budget
 * becomes `output_config.effort` (the same mapping as for OpenAI's efforts). A cap lowers only an
 * effort the client sent. Returns the note, or undefined when nothing changed.
 * @see https://platform.claude.com/docs/en/build-with-claude/thinking
 */
export function applyAdaptiveEffort(body: Record<string, unknown>, policy: ThinkingBudgetPolicy): string | undefined {
  const config = objectOf(body.output_config);
  const sent = typeof config?.effort === 'string' ? config.effort : undefined;
  const effort = effortForBudget(policy.budgetTokens);
  const budget = `adaptive thinking; thinking budget ${tokens(policy.budgetTokens)}`;
  if (policy.mode === 'cap') {
    if (sent === undefined) return 'thinking budget cap not applied: adaptive thinking without an effort takes no budget';
    if (efforts.indexOf(sent) <= efforts.indexOf(effort)) return undefined;
    body.output_config = { ...config, effort };
    return `thinking effort capped from ${sent} to ${effort} (${budget})`;
  }
  if (sent === effort) return undefined;
  body.output_config = { ...config, effort };
  return sent === undefined ? `thinking effort set to ${effort} (${budget})` : `thinking effort changed from ${sent} to ${effort} (${budget})`;
}
