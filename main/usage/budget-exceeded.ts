import { GatewayError } from '../errors/gateway-error.js';
import type { BudgetStatusDto } from '../../shared/usage-types.js';

const usd = (amount: number): string => `$${amount.toFixed(amount < 1 ? 4 : 2)}`;

/**
 * The 429 a client gets once a budget is used up, in its own envelope (OpenAI and Anthropic
 * `rate_limit_error`, Gemini `RESOURCE_EXHAUSTED`). Not retryable: trying another target would
 * spend the same money, and a `retry-after` of hours would only stall a client's retry loop.
 */
export function budgetExceeded(budget: BudgetStatusDto): GatewayError {
  const owner = budget.keyId === null ? 'The global' : `The API key ${budget.keyName ? `"${budget.keyName}" (${budget.keyId})` : budget.keyId}'s`;
  return new GatewayError({
    code: 'budget_exceeded',
    status: 429,
    isRetryable: false,
    message: `Budget exceeded: ${owner} ${budget.period} budget of ${usd(budget.limit)} is used up (${usd(budget.spent)} spent this period). It resets at ${budget.resetsAt}.`,
    headers: { 'x-omniroute-budget-resets-at': budget.resetsAt },
  });
}
