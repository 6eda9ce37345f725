import type { JsonValue } from '../../spec/index.js';

type Schema = { [key: string]: JsonValue | undefined };

/**
 * Gemini's OpenAPI-style `Schema` as JSON Schema, for upstreams of other families: type names in
 * lower case (the SDKs send `OBJECT`, `STRING`), `nullable: true` as a `null` type,
 * `format: 'enum'` and `propertyOrdering` left out (JSON Schema has no such thing).
 * @see https://ai.google.dev/api/caching#Schema
 */
export function geminiSchemaToJsonSchema(input: Schema): Schema {
  const output: Schema = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key === 'nullable' || key === 'propertyOrdering') continue;
    if (key === 'format' && value === 'enum') continue;
    if (key === 'type' && typeof value === 'string') output.type = value.toLowerCase();
    else if (key === 'properties' && isSchema(value)) {
      output.properties = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, isSchema(property) ? geminiSchemaToJsonSchema(property) : property]));
    } else if (key === 'items' && isSchema(value)) output.items = geminiSchemaToJsonSchema(value);
    else if (key === 'anyOf' && Array.isArray(value)) output.anyOf = value.map((item) => (isSchema(item) ? geminiSchemaToJsonSchema(item) : item));
    else output[key] = value;
  }
  if (input.nullable === true) {
    if (typeof output.type === 'string') output.type = [output.type, 'null'];
    else if (Array.isArray(output.anyOf)) output.anyOf = [...output.anyOf, { type: 'null' }];
  }
  return output;
}

function isSchema(value: JsonValue | undefined): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
