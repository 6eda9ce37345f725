import { z } from '../../../shared/zod.js';

/**
 * Zod schemas of Ollama's `/api/chat` and `/api/generate` requests, as translation reads them.
 * Loose objects: fields we do not translate are ignored, not rejected.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md
 */
const toolCall = z.looseObject({
  /** Newer Ollama servers name their calls; older ones (and most clients) do not. */
  id: z.nullish(z.string()),
  function: z.looseObject({
    name: z.string().check(z.minLength(1, 'must not be empty')),
    /** An object in Ollama's API; a JSON string is tolerated, as some clients send one. */
    arguments: z.nullish(z.union([z.record(z.string(), z.unknown()), z.string()])),
  }),
});

const message = z.looseObject({
  role: z.enum(['system', 'user', 'assistant', 'tool'], { error: 'expected a message with role system, user, assistant or tool' }),
  content: z.nullish(z.string()),
  /** Base64 images without a media type. */
  images: z.nullish(z.array(z.string())),
  thinking: z.nullish(z.string()),
  tool_calls: z.nullish(z.array(toolCall)),
  tool_name: z.nullish(z.string()),
  tool_call_id: z.nullish(z.string()),
});

const tool = z.looseObject({
  type: z.optional(z.literal('function', { error: 'only function tools can be translated' })),
  function: z.looseObject({
    name: z.string().check(z.minLength(1, 'must not be empty')),
    description: z.nullish(z.string()),
    parameters: z.nullish(z.record(z.string(), z.unknown())),
  }),
});

/** `"json"`, a JSON schema, or empty (Ollama treats `""` as no format). */
const format = z.union([z.literal('json'), z.literal(''), z.record(z.string(), z.unknown())], { error: "expected 'json' or a JSON schema object" });

const think = z.union([z.boolean(), z.enum(['low', 'medium', 'high'])], { error: "expected true, false, 'low', 'medium' or 'high'" });

const common = {
  model: z.string().check(z.minLength(1, 'model must not be empty')),
  format: z.nullish(format),
  options: z.nullish(z.record(z.string(), z.unknown())),
  think: z.nullish(think),
  keep_alive: z.nullish(z.union([z.string(), z.number()])),
  stream: z.nullish(z.boolean()),
};

export const ollamaChatRequestSchema = z.looseObject({
  ...common,
  messages: z.array(message),
  tools: z.nullish(z.array(tool)),
});

export const ollamaGenerateRequestSchema = z.looseObject({
  ...common,
  prompt: z.nullish(z.string()),
  suffix: z.nullish(z.string()),
  system: z.nullish(z.string()),
  images: z.nullish(z.array(z.string())),
  template: z.nullish(z.string()),
  raw: z.nullish(z.boolean()),
  context: z.nullish(z.array(z.number())),
});

export type OllamaChatRequest = z.infer<typeof ollamaChatRequestSchema>;
export type OllamaGenerateRequest = z.infer<typeof ollamaGenerateRequestSchema>;
export type OllamaMessage = z.infer<typeof message>;
export type OllamaTool = z.infer<typeof tool>;
