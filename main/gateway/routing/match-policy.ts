import type { PolicyMatch } from '../../../shared/routing.js';
import { compileModelPatterns } from '../model-pattern.js';

/** What a policy can match on, known before routing. */
export interface PolicySubject {
  model: string;
  apiKeyId: string | undefined;
  tags: readonly string[];
  inputTokens: number;
}

const compiled = new WeakMap<readonly string[], (model: string) => boolean>();

/** Every condition given must hold; an empty match holds for every request. */
export function matchesPolicy(match: PolicyMatch, subject: PolicySubject): boolean {
  if (match.apiKeyIds && (subject.apiKeyId === undefined || !match.apiKeyIds.includes(subject.apiKeyId))) return false;
  if (match.models) {
    let matcher = compiled.get(match.models);
    if (!matcher) compiled.set(match.models, (matcher = compileModelPatterns([...match.models])));
    if (!matcher(subject.model)) return false;
  }
  if (match.tags && !match.tags.some((tag) => subject.tags.includes(tag))) return false;
  if (match.minInputTokens !== undefined && subject.inputTokens < match.minInputTokens) return false;
  if (match.maxInputTokens !== undefined && subject.inputTokens > match.maxInputTokens) return false;
  return true;
}
