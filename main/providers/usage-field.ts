import type { Usage } from '../spec/index.js';

/**
 * The usage object at `field` of a whole answer, mapped to canonical usage; undefined when the
 * answer carries none. The mappers only read optional properties, so no schema is needed here:
 * any figure that is not a finite number afterwards is dropped (a malformed figure is unknown,
 * never guessed). This runs on every passthrough answer, where a full schema check would cost
 * more than the rest of the request's handling.
 */
export function usageField<Raw>(body: unknown, field: string, map: (usage: Raw) => Usage): Usage | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[field];
  if (value === null || typeof value !== 'object') return undefined;
  return finiteFigures(map(value as Raw));
}

/** The usage with every figure that is not a finite number turned into undefined. */
export function finiteFigures(usage: Usage): Usage {
  const figure = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
  return {
    inputTokens: figure(usage.inputTokens),
    outputTokens: figure(usage.outputTokens),
    cachedInputTokens: figure(usage.cachedInputTokens),
    cacheWriteInputTokens: figure(usage.cacheWriteInputTokens),
    reasoningTokens: figure(usage.reasoningTokens),
  };
}
