import type { z } from '../../shared/zod.js';

/**
 * Decoding of the JSON text columns. The store writes them itself, so malformed content means the
 * file was edited or damaged; failing loudly with the column name beats passing garbage upward.
 */

export function parseStringArray(text: string, column: string): string[] {
  const value: unknown = parseJson(text, column);
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(`Column ${column} does not hold a JSON array of strings`);
  }
  return value;
}

export function parseNullableStringArray(text: string | null, column: string): string[] | null {
  return text === null ? null : parseStringArray(text, column);
}

export function parseJson(text: string, column: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`Column ${column} does not hold valid JSON`, { cause: error });
  }
}

/** JSON text for a value; rejects what JSON cannot represent (undefined, functions, symbols). */
export function toJson(value: unknown, column: string): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError(`Column ${column} cannot store a value JSON cannot represent`);
  return text;
}

/** Parses a JSON column and checks it against the schema its writer used. */
export function parseJsonAs<T>(schema: z.ZodMiniType<T>, text: string, column: string): T {
  const result = schema.safeParse(parseJson(text, column));
  if (!result.success) throw new Error(`Column ${column} does not hold a valid document: ${result.error.issues[0]?.message ?? 'invalid'}`);
  return result.data;
}
