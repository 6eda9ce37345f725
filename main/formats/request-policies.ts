import type { SystemPromptSetting, ThinkingBudgetSetting } from '../../shared/request-settings.js';

/**
 * The request policies in force for one request, as a client format applies them to the body the
 * client sent. Only active policies are present: a format never re-checks whether one is on.
 */
export interface RequestPolicies {
  systemPrompt?: Pick<SystemPromptSetting, 'prompt' | 'mode'>;
  thinkingBudget?: ThinkingBudgetPolicy;
}

/** An active thinking budget policy (`passthrough` is no policy at all). */
export interface ThinkingBudgetPolicy {
  mode: Exclude<ThinkingBudgetSetting['mode'], 'passthrough'>;
  budgetTokens: number;
}

/** How one client format writes each policy into a body it sent. */
export interface PolicyWriters {
  /** Writes the system prompt; false when the body has no place for one (then nothing is noted). */
  systemPrompt(body: Record<string, unknown>, policy: NonNullable<RequestPolicies['systemPrompt']>): boolean | void;
  /** Applies the thinking budget; the note for what it changed or declined, undefined when nothing. */
  thinkingBudget(body: Record<string, unknown>, policy: ThinkingBudgetPolicy): string | undefined;
}

/** A format's `applyRequestPolicies`: the active policies through its writers, a note per change. */
export function policyApplier(writers: PolicyWriters): (body: Record<string, unknown>, policies: RequestPolicies) => string[] {
  return (body, { systemPrompt, thinkingBudget }) => {
    const notes: string[] = [];
    if (systemPrompt && writers.systemPrompt(body, systemPrompt) !== false) notes.push(systemPromptNote(systemPrompt));
    const note = thinkingBudget && writers.thinkingBudget(body, thinkingBudget);
    if (note) notes.push(note);
    return notes;
  };
}

/** OpenAI's reasoning efforts, weakest first (Chat Completions `reasoning_effort`, Responses `reasoning.effort`). */
export const reasoningEfforts = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
export type ReasoningEffort = (typeof reasoningEfforts)[number];

/**
 * A token budget as an OpenAI-style effort. The thresholds are the budgets the Anthropic adapter
 * sends for an effort (low 2,048, medium 8,192, high 16,384), so an effort survives a round trip
 * through a budget. `minimal` and `none` are never chosen: many reasoning models refuse them.
 */
export function effortForBudget(budgetTokens: number): ReasoningEffort {
  if (budgetTokens <= 2048) return 'low';
  if (budgetTokens <= 8192) return 'medium';
  return 'high';
}

/** The effort a request should carry instead of `sent`, with the note saying why; undefined leaves it. */
export function effortUnderPolicy(sent: unknown, policy: ThinkingBudgetPolicy): { effort: ReasoningEffort; note: string } | undefined {
  const current = typeof sent === 'string' && (reasoningEfforts as readonly string[]).includes(sent) ? (sent as ReasoningEffort) : undefined;
  const budget = `thinking budget ${tokens(policy.budgetTokens)}`;
  switch (policy.mode) {
    case 'off':
      // Without an effort the model reasons at its default, but a non-reasoning model refuses one.
      if (current === undefined || rank(current) <= rank('minimal')) return undefined;
      return { effort: 'minimal', note: `reasoning effort lowered from ${current} to minimal (thinking off)` };
    case 'fixed': {
      const effort = effortForBudget(policy.budgetTokens);
      if (current === effort) return undefined;
      return { effort, note: current === undefined ? `reasoning effort set to ${effort} (${budget})` : `reasoning effort changed from ${current} to ${effort} (${budget})` };
    }
    case 'cap': {
      const effort = effortForBudget(policy.budgetTokens);
      if (current === undefined || rank(current) <= rank(effort)) return undefined;
      return { effort, note: `reasoning effort capped from ${current} to ${effort} (${budget})` };
    }
  }
}

function rank(effort: ReasoningEffort): number {
  return reasoningEfforts.indexOf(effort);
}

/** `8,000`: how notes write numbers. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** `8,000 tokens`: the unit every budget note uses. */
export function tokens(count: number): string {
  return `${formatCount(count)} tokens`;
}

/** The note for a system prompt that was added: `system prompt prepended (1,234 chars)`. */
export function systemPromptNote(policy: NonNullable<RequestPolicies['systemPrompt']>): string {
  return `system prompt ${policy.mode === 'prepend' ? 'prepended' : 'appended'} (${formatCount(policy.prompt.length)} char${policy.prompt.length === 1 ? '' : 's'})`;
}

/** The value as a JSON object, or undefined. */
export function objectOf(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
