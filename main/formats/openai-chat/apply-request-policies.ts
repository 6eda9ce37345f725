import { effortUnderPolicy, policyApplier } from '../request-policies.js';
import { insertSystemMessage } from '../system-prompt-placement.js';

/**
 * The request policies on a Chat Completions body: the global system prompt as a system message
 * (before or after the client's opening system/developer messages), the thinking budget as
 * `reasoning_effort` (see effortUnderPolicy for the mapping). Returns a note per change.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-reasoning_effort
 */
export const applyOpenAiChatPolicies = policyApplier({
  systemPrompt(body, systemPrompt) {
    if (!Array.isArray(body.messages)) return false;
    insertSystemMessage(body.messages, systemPrompt, ['system', 'developer']);
  },
  thinkingBudget(body, policy) {
    const change = effortUnderPolicy(body.reasoning_effort, policy);
    if (change) body.reasoning_effort = change.effort;
    return change?.note;
  },
});
