import { ConfigEditError } from '../config-edit-error.js';

export type JsonObject = Record<string, unknown>;

/**
 * Edits a JSON config: parses the current text (missing or empty is `{}`), lets `mutate` change
 * the object, and writes it back with the file's own indentation. Keys keep their order, so a diff
 * shows only what changed. Comments (JSONC, JSON5) cannot be kept, so such files are refused.
 */
export function editJson(current: string | null, file: string, mutate: (config: JsonObject) => void): string {
  const config = parseObject(current, file);
  mutate(config);
  const indent = detectIndent(current);
  return JSON.stringify(config, null, indent) + '\n';
}

/** The object at `key`, created when missing; refuses to overwrite a non-object the user put there. */
export function objectAt(parent: JsonObject, key: string, file: string): JsonObject {
  const value = parent[key];
  if (value === undefined || value === null) {
    const created: JsonObject = {};
    parent[key] = created;
    return created;
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigEditError(`${file}: "${key}" is not an object; fix it by hand first.`);
  return value as JsonObject;
}

/** The array at `key`, created when missing. */
export function arrayAt(parent: JsonObject, key: string, file: string): unknown[] {
  const value = parent[key];
  if (value === undefined || value === null) {
    const created: unknown[] = [];
    parent[key] = created;
    return created;
  }
  if (!Array.isArray(value)) throw new ConfigEditError(`${file}: "${key}" is not an array; fix it by hand first.`);
  return value;
}

function parseObject(current: string | null, file: string): JsonObject {
  if (current === null || current.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(current.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigEditError(`${file} is not plain JSON (${(error as Error).message}); comments cannot be preserved, so it is left alone.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigEditError(`${file} does not hold a JSON object.`);
  return parsed as JsonObject;
}

function detectIndent(current: string | null): string | number {
  const match = current ? /^[{[][^\n]*\n([ \t]+)\S/.exec(current) : null;
  return match?.[1] ?? 2;
}
