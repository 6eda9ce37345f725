import { effortUnderPolicy, policyApplier, tokens, type ThinkingBudgetPolicy } from '../request-policies.js';
import { insertSystemMessage, joinSystemText } from '../system-prompt-placement.js';

/**
 * The request policies on an Ollama `/api/chat` body: the global system prompt as a system message
 * (before or after the client's opening system messages), the thinking budget as `think`.
 * Returns a note per change.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
export const applyOllamaChatPolicies = policyApplier({
  systemPrompt(body, systemPrompt) {
    if (!Array.isArray(body.messages)) return false;
    insertSystemMessage(body.messages, systemPrompt, ['system']);
  },
  thinkingBudget: applyThink,
});

/**
 * The request policies on an Ollama `/api/generate` body: the global system prompt joined with
 * `system` (a blank line between). Without a client `system` the prompt replaces the model's
 * Modelfile system prompt, as any `system` does. The thinking budget as `think`.
 */
export const applyOllamaGeneratePolicies = policyApplier({
  systemPrompt(body, systemPrompt) {
    body.system = joinSystemText(typeof body.system === 'string' ? body.system : '', systemPrompt);
  },
  thinkingBudget: applyThink,
});

/**
 * Ollama takes no budget: `think` is on/off, or an effort level (`low`/`medium`/`high`, gpt-oss).
 * `false` is accepted by every model, so `off` always applies; `fixed` turns thinking on (models
 * that cannot think refuse that, as they refuse the client's own `true`); `cap` lowers only a level.
 */
function applyThink(body: Record<string, unknown>, policy: ThinkingBudgetPolicy): string | undefined {
  const think = body.think;
  if (policy.mode === 'off') {
    if (think === false) return undefined;
    body.think = false;
    return think === undefined || think === null ? 'thinking turned off' : `thinking turned off (was ${String(think)})`;
  }
  if (typeof think === 'string') {
    const change = effortUnderPolicy(think, policy);
    if (change) body.think = change.effort;
    return change?.note;
  }
  if (think === true) return `thinking budget ${policy.mode === 'cap' ? 'cap ' : ''}not applied: Ollama takes no budget (think is on)`;
  if (policy.mode !== 'fixed') return undefined;
  body.think = true;
  return `thinking turned on (Ollama takes no budget; thinking budget ${tokens(policy.budgetTokens)})`;
}
