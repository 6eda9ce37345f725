import { z } from '../../../shared/zod.js';

/**
 * Zod schemas of what an Ollama server sends back from `/api/chat`: one object per NDJSON line
 * when streaming, the same shape (with `done: true`) when not. Loose: servers add fields.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
const toolCallSchema = z.looseObject({
  id: z.nullish(z.string()),
  function: z.looseObject({ name: z.string(), arguments: z.optional(z.unknown()) }),
});

export const ollamaChatChunkSchema = z.looseObject({
  model: z.nullish(z.string()),
  created_at: z.nullish(z.string()),
  message: z.nullish(
    z.looseObject({
      role: z.nullish(z.string()),
      content: z.nullish(z.string()),
      thinking: z.nullish(z.string()),
      tool_calls: z.nullish(z.array(toolCallSchema)),
    }),
  ),
  done: z.nullish(z.boolean()),
  done_reason: z.nullish(z.string()),
  prompt_eval_count: z.nullish(z.number()),
  eval_count: z.nullish(z.number()),
});

export type OllamaChatChunk = z.infer<typeof ollamaChatChunkSchema>;
export type OllamaWireToolCall = z.infer<typeof toolCallSchema>;

export const ollamaTagsSchema = z.looseObject({
  models: z.array(z.looseObject({ name: z.nullish(z.string()), model: z.nullish(z.string()) })),
});
