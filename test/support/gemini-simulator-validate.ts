/**
 * The request rules Gemini enforces that translators most often break, answered the way Gemini
 * answers them (a 400 `INVALID_ARGUMENT` with its own wording), so a translation bug fails in tests
 * exactly as it would against generativelanguage.googleapis.com: every turn has parts, roles are
 * `user` and `model`, a function call turn follows a user turn or a function response turn, a
 * function response turn follows a function call turn and answers each of its calls, and function
 * parameters use only the fields of Gemini's `Schema` (an OpenAPI subset; `parametersJsonSchema`
 * takes full JSON Schema instead).
 *
 * @see https://ai.google.dev/api/caching#Content
 * @see https://ai.google.dev/api/caching#Schema
 * @see https://ai.google.dev/gemini-api/docs/function-calling
 */

type Part = Record<string, unknown>;
type Content = { role?: unknown; parts?: unknown };

const schemaFields = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'maxItems',
  'minItems',
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'anyOf',
  'propertyOrdering',
  'default',
  'items',
  'minimum',
  'maximum',
]);

function partsOf(content: Content): Part[] {
  return Array.isArray(content.parts) ? content.parts.filter((part): part is Part => typeof part === 'object' && part !== null) : [];
}

const count = (content: Content | undefined, field: string): number => (content ? partsOf(content).filter((part) => part[field] !== undefined).length : 0);

/** Gemini 3 and later sign function calls and refuse them back unsigned. */
export function signsCalls(model: string): boolean {
  const major = /^gemini-(\d+)/.exec(model)?.[1];
  return major !== undefined && Number(major) >= 3;
}

/** A reply whose first function call carries `signature`, as Gemini 3 signs a step's calls. */
export function signFirstCall<Reply extends { functionCalls?: { thoughtSignature?: string }[] }>(reply: Reply, signature: string): Reply {
  const [first, ...rest] = reply.functionCalls ?? [];
  return first ? { ...reply, functionCalls: [{ ...first, thoughtSignature: signature }, ...rest] } : reply;
}

/** What Gemini documents as the bypass for a call whose signature is not known. */
const bypassSignature = 'skip_thought_signature_validator';

/**
 * The message of the first rule the body breaks, or undefined when Gemini would accept it. With
 * `issuedSignatures` (a Gemini 3 model), every step of the current turn that made function calls
 * must bring back a signature this model issued (or the documented bypass) on its first call.
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export function validateGenerateContentRequest(body: Record<string, unknown>, issuedSignatures?: ReadonlySet<string>): string | undefined {
  const contents = body.contents as Content[];
  for (const [index, content] of contents.entries()) {
    if (content.role !== undefined && content.role !== 'user' && content.role !== 'model') return 'Please use a valid role: user, model.';
    if (partsOf(content).length === 0) return `* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.`;
  }
  for (const [index, content] of contents.entries()) {
    const previous = contents[index - 1];
    const calls = count(content, 'functionCall');
    if (calls > 0) {
      const afterUser = previous !== undefined && previous.role !== 'model' && count(previous, 'functionCall') === 0;
      if (!afterUser) return 'Please ensure that function call turn comes immediately after a user turn or after a function response turn.';
    }
    const responses = count(content, 'functionResponse');
    if (responses > 0) {
      const answered = count(previous, 'functionCall');
      if (previous?.role !== 'model' || answered === 0) return 'Please ensure that function response turn comes immediately after a function call turn.';
      if (answered !== responses) return 'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.';
    }
  }
  if (issuedSignatures) {
    const turnStart = contents.reduce((start, content, index) => (content.role !== 'model' && partsOf(content).some((part) => part.functionResponse === undefined) ? index + 1 : start), 0);
    for (const [offset, content] of contents.slice(turnStart).entries()) {
      const calls = partsOf(content).filter((part) => part.functionCall !== undefined);
      if (content.role !== 'model' || calls.length === 0) continue;
      const signature = calls.find((part) => typeof part.thoughtSignature === 'string')?.thoughtSignature as string | undefined;
      if (signature === undefined) {
        const name = (calls[0]!.functionCall as { name?: string }).name;
        return `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${name}\` , position ${turnStart + offset + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`;
      }
      if (signature !== bypassSignature && !issuedSignatures.has(signature)) return 'Corrupted thought signature.';
    }
  }
  const tools = Array.isArray(body.tools) ? (body.tools as { functionDeclarations?: unknown }[]) : [];
  for (const [toolIndex, tool] of tools.entries()) {
    const declarations = Array.isArray(tool.functionDeclarations) ? (tool.functionDeclarations as { parameters?: unknown }[]) : [];
    for (const [index, declaration] of declarations.entries()) {
      const unknown = unknownSchemaField(declaration.parameters, `tools[${toolIndex}].function_declarations[${index}].parameters`);
      if (unknown) return `Invalid JSON payload received. Unknown name "${unknown.name}" at '${unknown.at}': Cannot find field.`;
    }
  }
  return undefined;
}

/** The first field of a parameters schema that Gemini's `Schema` does not have, with where it is. */
function unknownSchemaField(schema: unknown, at: string): { name: string; at: string } | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  for (const [name, value] of Object.entries(schema)) {
    if (!schemaFields.has(name)) return { name, at };
    if (name === 'items') {
      const found = unknownSchemaField(value, `${at}.items`);
      if (found) return found;
    }
    if (name === 'anyOf' && Array.isArray(value)) {
      for (const [index, item] of value.entries()) {
        const found = unknownSchemaField(item, `${at}.any_of[${index}]`);
        if (found) return found;
      }
    }
    if (name === 'properties' && typeof value === 'object' && value !== null) {
      for (const [index, property] of Object.values(value).entries()) {
        const found = unknownSchemaField(property, `${at}.properties[${index}].value`);
        if (found) return found;
      }
    }
  }
  return undefined;
}
