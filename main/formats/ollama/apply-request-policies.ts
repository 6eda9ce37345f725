import { effortUnderPolicy, systemPromptNote, tokens, type RequestPolicies, type ThinkingBudgetPolicy } from '../request-policies.js';
import { insertSystemMessage, joinSystemText } from '../system-prompt-placement.js';

/**
 * The request policies on an Ollama `/api/chat` body: the global system prompt as a system message
 * (before or after the client's opening system messages), the thinking budget as `think`.
 * Returns a note per change.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
export function applyOllamaChatPolicies(body: Record<string, unknown>, policies: RequestPolicies): string[] {
  const notes: string[] = [];
  if (policies.systemPrompt && Array.isArray(body.messages)) {
    insertSystemMessage(body.messages, policies.systemPrompt, ['system']);
    notes.push(systemPromptNote(policies.systemPrompt));
  }
  return withThinking(body, policies.thinkingBudget, notes);
}

/**
 * The request policies on an Ollama `/api/generate` body: the global system prompt joined with
 * `system` (a blank line between). Without a client `system` the prompt replaces the model's
 * Modelfile system prompt, as any `system` does. The thinking budget as `think`.
 */
export function applyOllamaGeneratePolicies(body: Record<string, unknown>, policies: RequestPolicies): string[] {
  const notes: string[] = [];
  if (policies.systemPrompt) {
    body.system = joinSystemText(typeof body.system === 'string' ? body.system : '', policies.systemPrompt);
    notes.push(systemPromptNote(policies.systemPrompt));
  }
  return withThinking(body, policies.thinkingBudget, notes);
}

/**
 * Ollama takes no budget: `think` is on/off, or an effort level (`low`/`medium`/`high`, gpt-oss).
 * `false` is accepted by every model, so `off` always applies; `fixed` turns thinking on (models
 * that cannot think refuse that, as they refuse the client's own `true`); `cap` lowers only a level.
 */
function withThinking(body: Record<string, unknown>, policy: ThinkingBudgetPolicy | undefined, notes: string[]): string[] {
  if (!policy) return notes;
  const think = body.think;
  if (policy.mode === 'off') {
    if (think !== false) {
      body.think = false;
      notes.push(think === undefined || think === null ? 'thinking turned off' : `thinking turned off (was ${String(think)})`);
    }
    return notes;
  }
  if (typeof think === 'string') {
    const change = effortUnderPolicy(think, policy);
    if (change) {
      body.think = change.effort;
      notes.push(change.note);
    }
    return notes;
  }
  if (think === true) notes.push(`thinking budget ${policy.mode === 'cap' ? 'cap ' : ''}not applied: Ollama takes no budget (think is on)`);
  else if (policy.mode === 'fixed') {
    body.think = true;
    notes.push(`thinking turned on (Ollama takes no budget; thinking budget ${tokens(policy.budgetTokens)})`);
  }
  return notes;
}
