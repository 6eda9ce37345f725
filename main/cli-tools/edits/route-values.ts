import { ConfigEditError } from '../config-edit-error.js';
import type { RouteTarget } from '../tool-definition.js';

/** The provider id and display name our entries carry in tools that list several providers. */
export const providerId = 'omniroute';
export const providerName = 'OmniRoute';

/** The OpenAI-compatible base URL (`.../v1`). */
export function openAiBaseUrl(target: RouteTarget): string {
  return `${target.baseUrl}/v1`;
}

/** Tools that list models explicitly cannot be set up without one. */
export function requireModel(target: RouteTarget, toolName: string): string {
  if (!target.model) throw new ConfigEditError(`${toolName} needs a model to list: pass "model" (e.g. "openai/gpt-4o" or a combo name).`, 'input');
  return target.model;
}
