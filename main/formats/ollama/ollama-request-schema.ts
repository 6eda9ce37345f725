import { z } from 'zod';

/**
 * Zod schemas of Ollama's `/api/chat` and `/api/generate` requests, as translation reads them.
 * Loose objects: fields we do not translate are ignored, not rejected.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md
 */
const toolCall = z.looseObject({
  /** Newer Ollama servers name their calls; older ones (and most clients) do not. */
  id: z.string().nullish(),
  function: z.looseObject({
    name: z.string().min(1, 'must not be empty'),
    /** An object in Ollama's API; a JSON string is tolerated, as some clients send one. */
    arguments: z.union([z.record(z.string(), z.unknown()), z.string()]).nullish(),
  }),
});

const message = z.looseObject({
  role: z.enum(['system', 'user', 'assistant', 'tool'], { error: 'expected a message with role system, user, assistant or tool' }),
  content: z.string().nullish(),
  /** Base64 images without a media type. */
  images: z.array(z.string()).nullish(),
  thinking: z.string().nullish(),
  tool_calls: z.array(toolCall).nullish(),
  tool_name: z.string().nullish(),
  tool_call_id: z.string().nullish(),
});

const tool = z.looseObject({
  type: z.literal('function', { error: 'only function tools can be translated' }).optional(),
  function: z.looseObject({
    name: z.string().min(1, 'must not be empty'),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
  }),
});

/** `"json"`, a JSON schema, or empty (Ollama treats `""` as no format). */
const format = z.union([z.literal('json'), z.literal(''), z.record(z.string(), z.unknown())], { error: "expected 'json' or a JSON schema object" });

const think = z.union([z.boolean(), z.enum(['low', 'medium', 'high'])], { error: "expected true, false, 'low', 'medium' or 'high'" });

const common = {
  model: z.string().min(1, 'model must not be empty'),
  format: format.nullish(),
  options: z.record(z.string(), z.unknown()).nullish(),
  think: think.nullish(),
  keep_alive: z.union([z.string(), z.number()]).nullish(),
  stream: z.boolean().nullish(),
};

export const ollamaChatRequestSchema = z.looseObject({
  ...common,
  messages: z.array(message),
  tools: z.array(tool).nullish(),
});

export const ollamaGenerateRequestSchema = z.looseObject({
  ...common,
  prompt: z.string().nullish(),
  suffix: z.string().nullish(),
  system: z.string().nullish(),
  images: z.array(z.string()).nullish(),
  template: z.string().nullish(),
  raw: z.boolean().nullish(),
  context: z.array(z.number()).nullish(),
});

export type OllamaChatRequest = z.infer<typeof ollamaChatRequestSchema>;
export type OllamaGenerateRequest = z.infer<typeof ollamaGenerateRequestSchema>;
export type OllamaMessage = z.infer<typeof message>;
export type OllamaTool = z.infer<typeof tool>;
