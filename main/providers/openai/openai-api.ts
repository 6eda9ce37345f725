import { z } from '../../../shared/zod.js';

/**
 * Zod schemas of what an OpenAI-family upstream sends back: loose, since the compatible vendors add
 * fields of their own, and tolerant of `null` wherever a vendor has been seen to send it.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export const openAiUsageSchema = z.looseObject({
  prompt_tokens: z.nullish(z.number()),
  completion_tokens: z.nullish(z.number()),
  prompt_tokens_details: z.nullish(z.looseObject({ cached_tokens: z.nullish(z.number()) })),
  completion_tokens_details: z.nullish(z.looseObject({ reasoning_tokens: z.nullish(z.number()) })),
  /** DeepSeek reports cache hits here instead of `prompt_tokens_details`. */
  prompt_cache_hit_tokens: z.nullish(z.number()),
});

const toolCallSchema = z.looseObject({
  id: z.nullish(z.string()),
  type: z.nullish(z.string()),
  function: z.nullish(z.looseObject({ name: z.nullish(z.string()), arguments: z.nullish(z.string()) })),
});

export const openAiCompletionSchema = z.looseObject({
  id: z.nullish(z.string()),
  model: z.nullish(z.string()),
  created: z.nullish(z.number()),
  choices: z.array(
    z.looseObject({
      message: z.looseObject({
        content: z.nullish(z.string()),
        /** DeepSeek, vLLM, SGLang and others; OpenRouter and Ollama call it `reasoning`. */
        reasoning_content: z.nullish(z.string()),
        reasoning: z.nullish(z.string()),
        refusal: z.nullish(z.string()),
        tool_calls: z.nullish(z.array(toolCallSchema)),
      }),
      finish_reason: z.nullish(z.string()),
      logprobs: z.optional(z.unknown()),
    }),
  ),
  usage: z.nullish(openAiUsageSchema),
});

export const openAiChunkSchema = z.looseObject({
  id: z.nullish(z.string()),
  model: z.nullish(z.string()),
  created: z.nullish(z.number()),
  choices: z.nullish(
    z.array(
      z.looseObject({
        delta: z.nullish(
          z.looseObject({
            content: z.nullish(z.string()),
            reasoning_content: z.nullish(z.string()),
            reasoning: z.nullish(z.string()),
            refusal: z.nullish(z.string()),
            tool_calls: z.nullish(z.array(z.extend(toolCallSchema, { index: z.nullish(z.number().check(z.int())) }))),
          }),
        ),
        finish_reason: z.nullish(z.string()),
      }),
    ),
  ),
  usage: z.nullish(openAiUsageSchema),
});

export type OpenAiUsage = z.infer<typeof openAiUsageSchema>;
export type OpenAiChunk = z.infer<typeof openAiChunkSchema>;
export type OpenAiStreamToolCall = NonNullable<NonNullable<NonNullable<OpenAiChunk['choices']>[number]['delta']>['tool_calls']>[number];
