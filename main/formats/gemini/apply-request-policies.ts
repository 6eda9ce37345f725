import { effortForBudget, formatCount, objectOf, policyApplier, reasoningEfforts, tokens, type ThinkingBudgetPolicy } from '../request-policies.js';

/**
 * The request policies on a `GenerateContentRequest`: the global system prompt as a text part of
 * `systemInstruction` (first or last), the thinking budget as
 * `generationConfig.thinkingConfig.thinkingBudget` (0 turns thinking off). Fields are written under
 * the name the client used (`generationConfig` or the proto name `generation_config`). Returns a
 * note per change.
 * @see https://ai.google.dev/gemini-api/docs/thinking
 */
export const applyGeminiPolicies = policyApplier({
  systemPrompt(body, systemPrompt) {
    const key = nameUsed(body, 'systemInstruction', 'system_instruction');
    const current = body[key];
    const instruction = typeof current === 'string' ? { parts: [{ text: current }] } : { ...objectOf(current) };
    const parts = Array.isArray(instruction.parts) ? instruction.parts : [];
    const part = { text: systemPrompt.prompt };
    instruction.parts = systemPrompt.mode === 'prepend' ? [part, ...parts] : [...parts, part];
    body[key] = instruction;
  },
  thinkingBudget: applyThinkingBudget,
});

function applyThinkingBudget(body: Record<string, unknown>, policy: ThinkingBudgetPolicy): string | undefined {
  const configKey = nameUsed(body, 'generationConfig', 'generation_config');
  const config = objectOf(body[configKey]);
  const thinkingKey = config ? nameUsed(config, 'thinkingConfig', 'thinking_config') : 'thinkingConfig';
  const thinking = objectOf(config?.[thinkingKey]);
  const budgetKey = thinking && 'thinking_budget' in thinking ? 'thinking_budget' : 'thinkingBudget';
  const levelKey = thinking && 'thinking_level' in thinking ? 'thinking_level' : 'thinkingLevel';
  const budget = typeof thinking?.[budgetKey] === 'number' ? thinking[budgetKey] : undefined;
  const level = typeof thinking?.[levelKey] === 'string' ? thinking[levelKey] : undefined;
  const write = (fields: Record<string, unknown>): void => {
    const next: Record<string, unknown> = { ...thinking, ...fields };
    // A budget and a level together are refused: the budget set here replaces the level.
    if (budgetKey in fields) delete next[levelKey];
    body[configKey] = { ...config, [thinkingKey]: next };
  };
  switch (policy.mode) {
    case 'off': {
      // Only a request that asks for reasoning: some models cannot stop thinking and refuse a 0.
      const asked = (budget !== undefined && budget !== 0) || level !== undefined || thinking?.includeThoughts === true || thinking?.include_thoughts === true;
      if (!asked) return undefined;
      write({ [budgetKey]: 0 });
      return `thinking turned off (was ${budget !== undefined && budget !== 0 ? describeBudget(budget) : level !== undefined ? `level ${level}` : 'the model default'})`;
    }
    case 'fixed':
      if (budget === policy.budgetTokens && level === undefined) return undefined;
      write({ [budgetKey]: policy.budgetTokens });
      return budget === undefined && level === undefined
        ? `thinking budget set to ${tokens(policy.budgetTokens)}`
        : `thinking budget changed from ${budget !== undefined ? describeBudget(budget) : `level ${level}`} to ${tokens(policy.budgetTokens)}`;
    case 'cap': {
      if (budget !== undefined && (budget > policy.budgetTokens || budget < 0)) {
        write({ [budgetKey]: policy.budgetTokens });
        return `thinking budget capped from ${describeBudget(budget)} to ${tokens(policy.budgetTokens)}`;
      }
      const capped = level === undefined ? undefined : cappedLevel(level, policy.budgetTokens);
      if (level === undefined || capped === undefined) return undefined;
      write({ [levelKey]: capped });
      return `thinking level capped from ${level} to ${capped} (thinking budget ${tokens(policy.budgetTokens)})`;
    }
  }
}

/** Gemini 3's `thinkingLevel` lowered to the budget's effort, in the client's letter case; undefined when it is not above. */
function cappedLevel(level: string, budgetTokens: number): string | undefined {
  const effort = effortForBudget(budgetTokens);
  const rank = (reasoningEfforts as readonly string[]).indexOf(level.toLowerCase());
  if (rank <= reasoningEfforts.indexOf(effort)) return undefined;
  return level === level.toUpperCase() ? effort.toUpperCase() : effort;
}

function describeBudget(budget: number): string {
  return budget < 0 ? 'dynamic' : formatCount(budget);
}

/** Gemini's JSON takes both the camelCase and the proto field name: keep the one the client used. */
function nameUsed(object: Record<string, unknown>, camel: string, proto: string): string {
  return object[camel] === undefined && object[proto] !== undefined ? proto : camel;
}
