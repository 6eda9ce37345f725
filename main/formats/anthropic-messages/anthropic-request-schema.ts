import { z } from '../../../shared/zod.js';

/**
 * The parts of an Anthropic Messages request the router reads. Objects are loose: fields we do not
 * map (`cache_control`, `citations`, new ones) survive validation and travel on in
 * `providerMetadata.anthropic`, so new Anthropic fields keep working without a release of ours.
 * @see https://docs.anthropic.com/en/api/messages
 */

/** A JSON object whose content is not ours to check (tool input, JSON Schema). */
const jsonObject = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'expected a JSON object',
);

const base64Source = z.looseObject({ type: z.literal('base64'), media_type: z.string().check(z.minLength(1)), data: z.string().check(z.minLength(1)) });
const urlSource = z.looseObject({ type: z.literal('url'), url: z.string().check(z.minLength(1)) });
/** A Files API id: meaningful to Anthropic only. */
const fileSource = z.looseObject({ type: z.literal('file'), file_id: z.string().check(z.minLength(1)) });
const plainTextSource = z.looseObject({ type: z.literal('text'), data: z.string() });
/** A document made of content blocks (custom content documents); kept only for passthrough. */
const contentSource = z.looseObject({ type: z.literal('content'), content: z.unknown() });

export const textBlockSchema = z.looseObject({ type: z.literal('text'), text: z.string() });
export const imageBlockSchema = z.looseObject({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [base64Source, urlSource, fileSource]),
});
export const documentBlockSchema = z.looseObject({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [base64Source, urlSource, fileSource, plainTextSource, contentSource]),
});
export const toolUseBlockSchema = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  input: jsonObject,
});
export const thinkingBlockSchema = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  // Required by Anthropic, but optional here: answers from upstreams that do not sign their
  // reasoning come back to us without one, and must not be refused.
  signature: z.optional(z.string()),
});
export const redactedThinkingBlockSchema = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });

/** A block type we do not translate (server tool results, search results, ...), kept by name. */
export interface UnsupportedBlock {
  type: 'unsupported';
  blockType: string;
}

/** What a `tool_result` may contain; other block types are kept by name. */
const toolResultContentBlock = blockOf({ text: textBlockSchema, image: imageBlockSchema, document: documentBlockSchema });

export const toolResultBlockSchema = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().check(z.minLength(1)),
  content: z.optional(stringOrBlocks(toolResultContentBlock)),
  is_error: z.optional(z.boolean()),
});

const messageContentBlock = blockOf({
  text: textBlockSchema,
  image: imageBlockSchema,
  document: documentBlockSchema,
  tool_use: toolUseBlockSchema,
  tool_result: toolResultBlockSchema,
  thinking: thinkingBlockSchema,
  redacted_thinking: redactedThinkingBlockSchema,
});

const messageSchema = z.looseObject({
  // `system` turns inside `messages` are accepted by newer API versions.
  role: z.enum(['user', 'assistant', 'system']),
  content: stringOrBlocks(messageContentBlock),
});

export const toolSchema = z.looseObject({
  name: z.string().check(z.minLength(1)),
  /** Absent or `custom` for client tools; any other value names an Anthropic-defined tool. */
  type: z.nullish(z.string()),
  description: z.nullish(z.string()),
  input_schema: z.optional(jsonObject),
});

const toolChoiceSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), disable_parallel_tool_use: z.optional(z.boolean()) }),
  z.looseObject({ type: z.literal('any'), disable_parallel_tool_use: z.optional(z.boolean()) }),
  z.looseObject({ type: z.literal('tool'), name: z.string().check(z.minLength(1)), disable_parallel_tool_use: z.optional(z.boolean()) }),
  z.looseObject({ type: z.literal('none') }),
]);

const thinkingSchema = z.looseObject({ type: z.string().check(z.minLength(1)), budget_tokens: z.optional(z.number().check(z.int(), z.positive())) });

const outputConfigSchema = z.looseObject({
  effort: z.nullish(z.string()),
  format: z.nullish(z.looseObject({ type: z.string(), schema: z.optional(jsonObject) })),
});

const requestFields = {
  model: z.string({ error: requiredOr('model', 'a string') }).check(z.minLength(1, 'model must not be empty')),
  max_tokens: z.number({ error: requiredOr('max_tokens', 'a number') }).check(z.int(), z.nonnegative()),
  messages: z.array(messageSchema, { error: requiredOr('messages', 'an array') }),
  // Any known block type, so that a misplaced one is refused by name rather than set aside.
  system: z.optional(stringOrBlocks(messageContentBlock)),
  tools: z.optional(z.array(toolSchema)),
  tool_choice: z.optional(toolChoiceSchema),
  stop_sequences: z.nullish(z.array(z.string())),
  temperature: z.nullish(z.number()),
  top_p: z.nullish(z.number()),
  top_k: z.nullish(z.number().check(z.int())),
  metadata: z.optional(z.looseObject({ user_id: z.nullish(z.string()) })),
  thinking: z.optional(thinkingSchema),
  output_config: z.optional(outputConfigSchema),
  stream: z.optional(z.boolean()),
};

export const messagesRequestSchema = z.looseObject(requestFields);

/** `/v1/messages/count_tokens` takes the same body without `max_tokens`. */
export const countTokensRequestSchema = z.looseObject({ ...requestFields, max_tokens: z.optional(requestFields.max_tokens) });

export type TextBlock = z.infer<typeof textBlockSchema>;
export type ImageBlock = z.infer<typeof imageBlockSchema>;
export type DocumentBlock = z.infer<typeof documentBlockSchema>;
export type ToolUseBlock = z.infer<typeof toolUseBlockSchema>;
export type ToolResultBlock = z.infer<typeof toolResultBlockSchema>;
export type ThinkingBlock = z.infer<typeof thinkingBlockSchema>;
export type RedactedThinkingBlock = z.infer<typeof redactedThinkingBlockSchema>;
export type MessageContentBlock = z.infer<typeof messageContentBlock>;
export type ToolResultContentBlock = z.infer<typeof toolResultContentBlock>;
export type AnthropicMessage = z.infer<typeof messageSchema>;
export type AnthropicTool = z.infer<typeof toolSchema>;
export type AnthropicToolChoice = z.infer<typeof toolChoiceSchema>;
export type AnthropicRequest = z.infer<typeof countTokensRequestSchema>;

/**
 * A content block validated by the schema of its `type`; types outside `schemas` become an
 * UnsupportedBlock rather than a 400, so a request that only passes through still works.
 * Issues keep their full path (`messages[0].content[1].source.data`).
 */
function blockOf<Schemas extends Record<string, z.ZodMiniType>>(schemas: Schemas) {
  return z.pipe(
    z.looseObject({ type: z.string().check(z.minLength(1)) }),
    z.transform((block, context): z.output<Schemas[keyof Schemas]> | UnsupportedBlock => {
      const schema = Object.hasOwn(schemas, block.type) ? schemas[block.type] : undefined;
      if (!schema) return { type: 'unsupported', blockType: block.type };
      const result = schema.safeParse(block);
      if (result.success) return result.data as z.output<Schemas[keyof Schemas]>;
      for (const issue of result.error.issues) context.issues.push({ ...issue, code: 'custom', input: context.value });
      return z.NEVER;
    }),
  );
}

/**
 * A string, or an array of blocks. Written by hand rather than as a zod union so that an error
 * inside a block is reported at its own path instead of as "invalid union" on the whole field.
 */
function stringOrBlocks<Block extends z.ZodMiniType>(block: Block) {
  const blocks = z.array(block);
  return z.pipe(
    z.unknown(),
    z.transform((value, context): string | z.output<Block>[] => {
      if (typeof value === 'string') return value;
      if (!Array.isArray(value)) {
        context.issues.push({ code: 'custom', message: value === undefined ? 'required' : 'expected a string or an array of content blocks', input: value });
        return z.NEVER;
      }
      const result = blocks.safeParse(value);
      if (result.success) return result.data;
      for (const issue of result.error.issues) context.issues.push({ ...issue, code: 'custom', input: context.value });
      return z.NEVER;
    }),
  );
}

function requiredOr(field: string, expected: string) {
  return (issue: { input: unknown }) => (issue.input === undefined ? `${field} is required` : `${field} must be ${expected}`);
}
