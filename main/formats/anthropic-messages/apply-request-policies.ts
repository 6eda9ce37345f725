import { formatCount, objectOf, policyApplier, tokens, type ThinkingBudgetPolicy } from '../request-policies.js';
import { applyAdaptiveEffort } from './adaptive-thinking-effort.js';

/** Anthropic's smallest accepted `budget_tokens`. */
const minimumBudget = 1024;

/**
 * The request policies on a Messages body: the global system prompt as a text block of `system`
 * (a string `system` becomes two blocks, so the client's text stays as it was), the thinking budget
 * as `thinking: {type: 'enabled', budget_tokens}`, or as an effort for a client using adaptive
 * thinking. A budget Anthropic would refuse the request for is not applied; the note says why.
 * Returns a note per change or refusal.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
export const applyAnthropicPolicies = policyApplier({
  systemPrompt(body, systemPrompt) {
    const block = { type: 'text', text: systemPrompt.prompt };
    const blocks = typeof body.system === 'string' ? (body.system === '' ? [] : [{ type: 'text', text: body.system }]) : Array.isArray(body.system) ? body.system : [];
    body.system = systemPrompt.mode === 'prepend' ? [block, ...blocks] : [...blocks, block];
  },
  thinkingBudget: applyThinkingBudget,
});

function applyThinkingBudget(body: Record<string, unknown>, policy: ThinkingBudgetPolicy): string | undefined {
  const thinking = objectOf(body.thinking);
  const type = thinking?.type;
  const current = type === 'enabled' && typeof thinking?.budget_tokens === 'number' ? thinking.budget_tokens : undefined;
  const target = policy.budgetTokens;
  switch (policy.mode) {
    case 'off':
      if (thinking === undefined || type === 'disabled') return undefined;
      delete body.thinking;
      return current === undefined ? `thinking turned off (was ${String(type)})` : `thinking turned off (was a budget of ${tokens(current)})`;
    case 'cap': {
      if (type === 'adaptive') return applyAdaptiveEffort(body, policy);
      if (current === undefined) return undefined;
      const capped = Math.max(target, minimumBudget);
      if (current <= capped) return current > target ? `thinking budget cap not applied: ${tokens(current)} is Anthropic's minimum` : undefined;
      body.thinking = { ...thinking, budget_tokens: capped };
      return `thinking budget capped from ${formatCount(current)} to ${tokens(capped)}${capped > target ? " (Anthropic's minimum)" : ''}`;
    }
    case 'fixed': {
      if (type === 'adaptive') return applyAdaptiveEffort(body, policy);
      if (current === target) return undefined;
      const refusal = refusalOf(body, target, current !== undefined);
      if (refusal) return `thinking budget not applied: ${refusal}`;
      body.thinking = { ...thinking, type: 'enabled', budget_tokens: target };
      return current === undefined ? `thinking budget set to ${tokens(target)}` : `thinking budget changed from ${formatCount(current)} to ${tokens(target)}`;
    }
  }
}

/** Why Anthropic would refuse this request with thinking at `budget`, or undefined when it would not. */
function refusalOf(body: Record<string, unknown>, budget: number, thinkingWasOn: boolean): string | undefined {
  if (budget < minimumBudget) return `${tokens(budget)} is below Anthropic's minimum of ${tokens(minimumBudget)}`;
  const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : 0;
  if (budget >= maxTokens) return `the budget must be below max_tokens (${maxTokens})`;
  // What the client set for a request without thinking, Anthropic refuses once thinking is on.
  if (thinkingWasOn) return undefined;
  const toolChoice = objectOf(body.tool_choice)?.type;
  if (toolChoice === 'any' || toolChoice === 'tool') return 'thinking cannot be on while tool_choice forces a tool call';
  if (typeof body.temperature === 'number' && body.temperature !== 1) return 'thinking cannot be on with a temperature other than 1';
  if (typeof body.top_k === 'number') return 'thinking cannot be on with top_k';
  if (typeof body.top_p === 'number' && body.top_p < 0.95) return 'thinking cannot be on with top_p below 0.95';
  if (lastToolCallLacksThinking(body.messages)) return 'the last assistant tool call has no thinking block, which Anthropic requires once thinking is on';
  return undefined;
}

/** With thinking on, the assistant turn of an unfinished tool loop must start with its thinking block. */
function lastToolCallLacksThinking(messages: unknown): boolean {
  if (!Array.isArray(messages)) return false;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = objectOf(messages[index]);
    if (message?.role !== 'assistant') continue;
    const content = Array.isArray(message.content) ? message.content.map((block) => objectOf(block)?.type) : [];
    if (!content.includes('tool_use')) return false;
    return content[0] !== 'thinking' && content[0] !== 'redacted_thinking';
  }
  return false;
}
