import type { JsonValue } from '../../spec/index.js';

type Schema = { [key: string]: JsonValue | undefined };

/** Keywords of Gemini's OpenAPI subset that pass through as they are (subschemas aside). */
const keptKeywords = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'required',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'minProperties',
  'maxProperties',
  'propertyOrdering',
]);

/** Keywords Gemini rejects that say nothing the model needs: dropped without a warning. */
const silentlyDropped = new Set(['$schema', '$id', '$comment', 'additionalProperties', 'default', 'examples', 'example', 'strict', 'readOnly', 'writeOnly', 'deprecated']);

/** Gemini knows `enum` and `date-time` for strings, and the number widths; other formats are refused. */
const supportedFormats = new Set(['enum', 'date-time', 'float', 'double', 'int32', 'int64']);

export interface SanitizedSchema {
  schema: Schema;
  /** What could not be kept, each naming where (`tools[0].parameters.properties.x`). */
  warnings: string[];
}

/**
 * A client's JSON Schema reduced to the OpenAPI subset Gemini's `Schema` accepts: no `$schema`,
 * `additionalProperties`, `default`, `examples`; local `$ref`s (`#/$defs/...`, `#/definitions/...`)
 * inlined, recursive ones cut with a warning; `const` as a one-value `enum`; `oneOf` as `anyOf`;
 * a type list with `null` as `type` + `nullable`; `required` limited to declared properties.
 * @see https://ai.google.dev/api/caching#Schema
 * @see https://ai.google.dev/gemini-api/docs/function-calling#function_declarations
 */
export function sanitizeGeminiSchema(input: Schema, path: string): SanitizedSchema {
  const warnings: string[] = [];
  const definitions = { ...asSchema(input.$defs), ...asSchema(input.definitions) };
  const schema = sanitize(input, path, { definitions, expanding: new Set(), warnings });
  return { schema, warnings };
}

interface Scope {
  definitions: Record<string, JsonValue | undefined>;
  /** `$ref`s being inlined on the current path: meeting one again means recursion. */
  expanding: Set<string>;
  warnings: string[];
}

function sanitize(input: Schema, path: string, scope: Scope): Schema {
  const ref = input.$ref;
  if (typeof ref === 'string') return inlineReference(input, ref, path, scope);
  const output: Schema = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key === '$defs' || key === 'definitions') continue;
    if (keptKeywords.has(key)) output[key] = value;
    else if (!silentlyDropped.has(key) && !['properties', 'items', 'anyOf', 'oneOf', 'allOf', 'const'].includes(key)) {
      scope.warnings.push(`${path}: '${key}' is not supported by Gemini and was removed`);
    }
  }
  applyType(input, output, path, scope);
  applyConst(input, output, path, scope);
  applyEnum(output, path, scope);
  applyFormat(output, path, scope);
  const properties = asSchema(input.properties);
  if (Object.keys(properties).length > 0) {
    const sanitized: Schema = {};
    for (const [name, property] of Object.entries(properties)) {
      if (isSchema(property)) sanitized[name] = sanitize(property, `${path}.properties.${name}`, scope);
    }
    output.properties = sanitized;
  }
  if (Array.isArray(output.required)) {
    const declared = output.properties && isSchema(output.properties) ? Object.keys(output.properties) : [];
    const required = output.required.filter((name): name is string => typeof name === 'string' && declared.includes(name));
    if (required.length > 0) output.required = required;
    else delete output.required;
  }
  if (isSchema(input.items)) output.items = sanitize(input.items, `${path}.items`, scope);
  else if (Array.isArray(input.items)) {
    scope.warnings.push(`${path}.items: tuple schemas are not supported by Gemini; the first item schema was used`);
    const first = input.items[0];
    if (isSchema(first)) output.items = sanitize(first, `${path}.items`, scope);
  }
  applyAlternatives(input, output, path, scope);
  return output;
}

function inlineReference(input: Schema, ref: string, path: string, scope: Scope): Schema {
  const match = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref);
  const name = match?.[1];
  const target = name === undefined ? undefined : scope.definitions[name];
  const description = typeof input.description === 'string' ? { description: input.description } : {};
  if (name === undefined || !isSchema(target)) {
    scope.warnings.push(`${path}: '$ref' ${ref} cannot be resolved and was replaced by an unconstrained object`);
    return { type: 'object', ...description };
  }
  if (scope.expanding.has(name)) {
    scope.warnings.push(`${path}: recursive '$ref' ${ref} cannot be expressed for Gemini and was cut to an unconstrained object`);
    return { type: 'object', ...description };
  }
  scope.expanding.add(name);
  const inlined = sanitize(target, path, scope);
  scope.expanding.delete(name);
  return { ...inlined, ...description };
}

/** `type: ['string', 'null']` becomes `type: 'string', nullable: true`; several real types become `anyOf`. */
function applyType(input: Schema, output: Schema, path: string, scope: Scope): void {
  if (!Array.isArray(input.type)) return;
  const types = input.type.filter((type): type is string => typeof type === 'string');
  const real = types.filter((type) => type !== 'null');
  delete output.type;
  if (types.includes('null')) output.nullable = true;
  if (real.length === 1) output.type = real[0];
  else if (real.length > 1) {
    output.anyOf = real.map((type) => ({ type }));
    scope.warnings.push(`${path}: the type list ${JSON.stringify(real)} became anyOf`);
  }
}

function applyConst(input: Schema, output: Schema, path: string, scope: Scope): void {
  if (input.const === undefined) return;
  if (typeof input.const === 'string') {
    output.enum = [input.const];
    output.type ??= 'string';
  } else {
    scope.warnings.push(`${path}: 'const' ${JSON.stringify(input.const)} is not a string; Gemini enums take strings only, so it was removed`);
  }
}

function applyEnum(output: Schema, path: string, scope: Scope): void {
  if (!Array.isArray(output.enum)) return;
  const values = output.enum.filter((value) => value !== null);
  if (values.every((value) => typeof value === 'string')) {
    if (values.length < output.enum.length) output.nullable = true;
    output.enum = values;
    return;
  }
  scope.warnings.push(`${path}: 'enum' with non-string values is not supported by Gemini and was removed`);
  delete output.enum;
}

function applyFormat(output: Schema, path: string, scope: Scope): void {
  if (output.format === undefined) return;
  if (typeof output.format === 'string' && supportedFormats.has(output.format)) return;
  scope.warnings.push(`${path}: format ${JSON.stringify(output.format)} is not supported by Gemini and was removed`);
  delete output.format;
}

/**
 * `oneOf` is read as `anyOf` (Gemini has only the latter); a `null` alternative becomes
 * `nullable`, and a single remaining alternative is merged into the schema itself. `allOf` is
 * merged shallowly (properties and required lists), which covers the usual composition.
 */
function applyAlternatives(input: Schema, output: Schema, path: string, scope: Scope): void {
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const list = input[keyword];
    if (!Array.isArray(list)) continue;
    const alternatives = list.filter(isSchema);
    const real = alternatives.filter((alternative) => alternative.type !== 'null');
    if (real.length < alternatives.length) output.nullable = true;
    const sanitized = real.map((alternative, index) => sanitize(alternative, `${path}.${keyword}[${index}]`, scope));
    if (sanitized.length === 1) Object.assign(output, sanitized[0], output.description === undefined ? {} : { description: output.description });
    else if (sanitized.length > 1) output.anyOf = sanitized;
  }
  if (Array.isArray(input.allOf)) {
    input.allOf.filter(isSchema).forEach((part, index) => {
      const sanitized = sanitize(part, `${path}.allOf[${index}]`, scope);
      const properties = { ...asSchema(output.properties), ...asSchema(sanitized.properties) };
      const required = [...asArray(output.required), ...asArray(sanitized.required)];
      Object.assign(output, { ...sanitized, ...output });
      if (Object.keys(properties).length > 0) output.properties = properties;
      if (required.length > 0) output.required = [...new Set(required)];
    });
  }
}

function isSchema(value: JsonValue | undefined): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asSchema(value: JsonValue | undefined): Record<string, JsonValue | undefined> {
  return isSchema(value) ? value : {};
}

function asArray(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}
