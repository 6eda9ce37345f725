import type { z } from 'zod';
import type { Usage } from '../spec/index.js';

/**
 * The usage object at `field` of a whole answer, checked against the family's usage schema and
 * mapped to canonical usage; undefined when the answer carries none or it is malformed.
 */
export function usageField<Schema extends z.ZodType>(body: unknown, field: string, schema: Schema, map: (usage: z.infer<Schema>) => Usage): Usage | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[field];
  if (value === undefined || value === null) return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? map(parsed.data) : undefined;
}
