import type { ReasoningOptions } from '../../spec/index.js';
import type { AnthropicMessageParam, AnthropicToolChoice } from './anthropic-request-body.js';

/** Anthropic's smallest accepted `budget_tokens`. */
export const minimumThinkingBudget = 1024;

/**
 * OpenAI-style effort to a thinking budget. Anthropic has no effort knob for manual thinking, so
 * these are our choice: `minimal` is Anthropic's minimum, and `high` stays small enough that
 * budget + default answer room fits the smallest output limit of a thinking model (32k, Opus 4).
 */
export const thinkingBudgetByEffort = { minimal: 1024, low: 2048, medium: 8192, high: 16384 } as const satisfies Record<
  NonNullable<ReasoningOptions['effort']>,
  number
>;

/**
 * Room for the answer when a request sets no output limit. Anthropic requires `max_tokens` while
 * other formats treat a missing limit as "the model's maximum", which differs per model and is
 * not discoverable; this is the largest value every current model accepts (the Claude 3 models
 * stop at 4096). Sending it is a default we chose, so it is reported as a warning.
 */
export function defaultMaxTokens(upstreamModel: string): number {
  return /claude-3-(opus|sonnet|haiku)/.test(upstreamModel) ? 4096 : 8192;
}

export interface ThinkingPlan {
  thinking: { type: 'enabled'; budget_tokens: number } | undefined;
  maxTokens: number;
}

/**
 * Decides `thinking` and `max_tokens` together, since Anthropic needs the budget below
 * `max_tokens`. Reasoning that Anthropic would reject the request for is left out with a warning
 * rather than failing the request: thinking together with a forced tool choice, and thinking in
 * a tool loop whose last assistant turn has no signed thinking to replay (history from another
 * vendor), which Anthropic refuses.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
export function planAnthropicThinking(options: {
  reasoning: ReasoningOptions | undefined;
  maxOutputTokens: number | undefined;
  upstreamModel: string;
  toolChoice: AnthropicToolChoice | undefined;
  messages: readonly AnthropicMessageParam[];
  warnings: string[];
}): ThinkingPlan {
  const { reasoning, maxOutputTokens, upstreamModel, warnings } = options;
  const fallbackMaxTokens = (budget: number): number => {
    if (maxOutputTokens !== undefined) return maxOutputTokens;
    const maxTokens = budget + defaultMaxTokens(upstreamModel);
    warnings.push(`The request sets no output limit and Anthropic requires one; max_tokens ${maxTokens} was sent.`);
    return maxTokens;
  };
  const none = (): ThinkingPlan => ({ thinking: undefined, maxTokens: fallbackMaxTokens(0) });

  let budget = requestedBudget(reasoning, warnings);
  if (budget === undefined) return none();
  // An effort is a hint; it shrinks to leave at least half of an explicit output limit for the answer.
  if (reasoning?.budgetTokens === undefined && maxOutputTokens !== undefined) {
    budget = Math.min(budget, Math.floor(maxOutputTokens / 2));
    if (budget < minimumThinkingBudget) {
      warnings.push(`Reasoning was not requested from Anthropic: max_tokens ${maxOutputTokens} leaves no room for the minimum thinking budget.`);
      return none();
    }
  }
  const forced = options.toolChoice?.type === 'any' || options.toolChoice?.type === 'tool';
  if (forced) {
    warnings.push('Reasoning was not requested from Anthropic: it cannot think while a tool choice forces a tool call.');
    return none();
  }
  if (lastToolTurnLacksThinking(options.messages)) {
    warnings.push('Reasoning was not requested from Anthropic: the last assistant tool call carries no signed Anthropic thinking to replay.');
    return none();
  }
  return { thinking: { type: 'enabled', budget_tokens: budget }, maxTokens: fallbackMaxTokens(budget) };
}

function requestedBudget(reasoning: ReasoningOptions | undefined, warnings: string[]): number | undefined {
  if (reasoning === undefined) return undefined;
  const { budgetTokens, effort } = reasoning;
  if (budgetTokens === undefined) return effort === undefined ? undefined : thinkingBudgetByEffort[effort];
  // Gemini's vocabulary: 0 turns thinking off, -1 lets the model decide.
  if (budgetTokens === 0) return undefined;
  if (budgetTokens < 0) return thinkingBudgetByEffort.medium;
  if (budgetTokens < minimumThinkingBudget) {
    warnings.push(`Thinking budget ${budgetTokens} is below Anthropic's minimum; ${minimumThinkingBudget} was sent.`);
    return minimumThinkingBudget;
  }
  return budgetTokens;
}

/**
 * With thinking on, Anthropic requires the last assistant turn of a tool loop to start with the
 * thinking block it produced.
 */
function lastToolTurnLacksThinking(messages: readonly AnthropicMessageParam[]): boolean {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.role !== 'assistant') continue;
    if (!message.content.some((block) => block.type === 'tool_use')) return false;
    const first = message.content[0]?.type;
    return first !== 'thinking' && first !== 'redacted_thinking';
  }
  return false;
}
