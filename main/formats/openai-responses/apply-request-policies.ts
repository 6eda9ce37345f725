import { effortUnderPolicy, objectOf, systemPromptNote, type RequestPolicies } from '../request-policies.js';
import { joinSystemText } from '../system-prompt-placement.js';

/**
 * The request policies on a Responses body: the global system prompt joined with `instructions`
 * (a blank line between), the thinking budget as `reasoning.effort` (see effortUnderPolicy for
 * the mapping; `reasoning.summary` is kept). Returns a note per change.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export function applyResponsesPolicies(body: Record<string, unknown>, policies: RequestPolicies): string[] {
  const notes: string[] = [];
  const { systemPrompt, thinkingBudget } = policies;
  if (systemPrompt) {
    body.instructions = joinSystemText(typeof body.instructions === 'string' ? body.instructions : '', systemPrompt);
    notes.push(systemPromptNote(systemPrompt));
  }
  if (thinkingBudget) {
    const reasoning = objectOf(body.reasoning);
    const change = effortUnderPolicy(reasoning?.effort, thinkingBudget);
    if (change) {
      body.reasoning = { ...reasoning, effort: change.effort };
      notes.push(change.note);
    }
  }
  return notes;
}
