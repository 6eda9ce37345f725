import { effortUnderPolicy, systemPromptNote, type RequestPolicies } from '../request-policies.js';
import { insertSystemMessage } from '../system-prompt-placement.js';

/**
 * The request policies on a Chat Completions body: the global system prompt as a system message
 * (before or after the client's opening system/developer messages), the thinking budget as
 * `reasoning_effort` (see effortUnderPolicy for the mapping). Returns a note per change.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-reasoning_effort
 */
export function applyOpenAiChatPolicies(body: Record<string, unknown>, policies: RequestPolicies): string[] {
  const notes: string[] = [];
  const { systemPrompt, thinkingBudget } = policies;
  if (systemPrompt && Array.isArray(body.messages)) {
    insertSystemMessage(body.messages, systemPrompt, ['system', 'developer']);
    notes.push(systemPromptNote(systemPrompt));
  }
  if (thinkingBudget) {
    const change = effortUnderPolicy(body.reasoning_effort, thinkingBudget);
    if (change) {
      body.reasoning_effort = change.effort;
      notes.push(change.note);
    }
  }
  return notes;
}
