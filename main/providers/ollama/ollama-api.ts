import { z } from 'zod';

/**
 * Zod schemas of what an Ollama server sends back from `/api/chat`: one object per NDJSON line
 * when streaming, the same shape (with `done: true`) when not. Loose: servers add fields.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
const toolCallSchema = z.looseObject({
  id: z.string().nullish(),
  function: z.looseObject({ name: z.string(), arguments: z.unknown().optional() }),
});

export const ollamaChatChunkSchema = z.looseObject({
  model: z.string().nullish(),
  created_at: z.string().nullish(),
  message: z
    .looseObject({
      role: z.string().nullish(),
      content: z.string().nullish(),
      thinking: z.string().nullish(),
      tool_calls: z.array(toolCallSchema).nullish(),
    })
    .nullish(),
  done: z.boolean().nullish(),
  done_reason: z.string().nullish(),
  prompt_eval_count: z.number().nullish(),
  eval_count: z.number().nullish(),
});

export type OllamaChatChunk = z.infer<typeof ollamaChatChunkSchema>;
export type OllamaWireToolCall = z.infer<typeof toolCallSchema>;

export const ollamaTagsSchema = z.looseObject({
  models: z.array(z.looseObject({ name: z.string().nullish(), model: z.string().nullish() })),
});
