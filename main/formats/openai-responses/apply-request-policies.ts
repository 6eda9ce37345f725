import { effortUnderPolicy, objectOf, policyApplier } from '../request-policies.js';
import { joinSystemText } from '../system-prompt-placement.js';

/**
 * The request policies on a Responses body: the global system prompt joined with `instructions`
 * (a blank line between), the thinking budget as `reasoning.effort` (see effortUnderPolicy for
 * the mapping; `reasoning.summary` is kept). Returns a note per change.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export const applyResponsesPolicies = policyApplier({
  systemPrompt(body, systemPrompt) {
    body.instructions = joinSystemText(typeof body.instructions === 'string' ? body.instructions : '', systemPrompt);
  },
  thinkingBudget(body, policy) {
    const reasoning = objectOf(body.reasoning);
    const change = effortUnderPolicy(reasoning?.effort, policy);
    if (change) body.reasoning = { ...reasoning, effort: change.effort };
    return change?.note;
  },
});
