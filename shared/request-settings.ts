import { z } from './zod.js';

/**
 * Settings that change what a request asks of the upstream. Both are opt-in and off by default:
 * nothing the client sent is altered unless the user turned one on. Stored in the settings
 * document (`systemPrompt`, `thinkingBudget`) and edited through `/api/settings/system-prompt`
 * and `/api/settings/thinking-budget`.
 */

/** Longest global system prompt, in characters. */
export const maxSystemPromptChars = 32_768;

export const systemPromptModes = ['prepend', 'append'] as const;

/** The fields of the system prompt setting, each checked alone (a PATCH sends any of them). */
export const systemPromptFieldsSchema = z.strictObject({
  enabled: z.boolean(),
  prompt: z.string().check(z.maxLength(maxSystemPromptChars, `prompt must be at most ${maxSystemPromptChars} characters`)),
  mode: z.enum(systemPromptModes, { error: `mode must be one of: ${systemPromptModes.join(', ')}` }),
});

/** A system prompt added to every chat request, before or after the client's own system text. */
export const systemPromptSettingSchema = systemPromptFieldsSchema.check(
  z.refine((setting) => !setting.enabled || setting.prompt.trim() !== '', {
    path: ['prompt'],
    message: 'prompt must not be empty while enabled',
  }),
);
export type SystemPromptSetting = z.output<typeof systemPromptSettingSchema>;

/**
 * - `passthrough`: the client's reasoning/thinking settings go upstream unchanged.
 * - `off`: reasoning is turned off where the upstream allows it.
 * - `fixed`: every request reasons with exactly `budgetTokens`.
 * - `cap`: a client's budget above `budgetTokens` is lowered to it; smaller ones are kept.
 */
export const thinkingBudgetModes = ['passthrough', 'off', 'fixed', 'cap'] as const;
export type ThinkingBudgetMode = (typeof thinkingBudgetModes)[number];

/** The fields of the thinking budget setting, each checked alone (a PATCH sends any of them). */
export const thinkingBudgetFieldsSchema = z.strictObject({
  mode: z.enum(thinkingBudgetModes, { error: `mode must be one of: ${thinkingBudgetModes.join(', ')}` }),
  budgetTokens: z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000)),
});

export const thinkingBudgetSettingSchema = thinkingBudgetFieldsSchema.check(
  z.refine((setting) => (setting.mode !== 'fixed' && setting.mode !== 'cap') || setting.budgetTokens > 0, {
    path: ['budgetTokens'],
    message: "budgetTokens must be above 0 when mode is 'fixed' or 'cap'",
  }),
);
export type ThinkingBudgetSetting = z.output<typeof thinkingBudgetSettingSchema>;

export const defaultSystemPromptSetting: SystemPromptSetting = { enabled: false, prompt: '', mode: 'prepend' };
export const defaultThinkingBudgetSetting: ThinkingBudgetSetting = { mode: 'passthrough', budgetTokens: 0 };
