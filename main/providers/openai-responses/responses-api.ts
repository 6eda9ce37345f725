import { z } from '../../../shared/zod.js';
import type { FinishReason, Usage } from '../../spec/index.js';

/**
 * Zod schemas of what a Responses upstream sends back, loose for the vendors that add fields.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export const responsesUsageSchema = z.looseObject({
  input_tokens: z.nullish(z.number()),
  output_tokens: z.nullish(z.number()),
  input_tokens_details: z.nullish(z.looseObject({ cached_tokens: z.nullish(z.number()) })),
  output_tokens_details: z.nullish(z.looseObject({ reasoning_tokens: z.nullish(z.number()) })),
});

export const outputItemSchema = z.looseObject({
  type: z.string(),
  id: z.nullish(z.string()),
  content: z.nullish(z.array(z.looseObject({ type: z.string(), text: z.nullish(z.string()), refusal: z.nullish(z.string()) }))),
  summary: z.nullish(z.array(z.looseObject({ text: z.string() }))),
  encrypted_content: z.nullish(z.string()),
  call_id: z.nullish(z.string()),
  name: z.nullish(z.string()),
  arguments: z.nullish(z.string()),
});

export const responseObjectSchema = z.looseObject({
  id: z.nullish(z.string()),
  model: z.nullish(z.string()),
  created_at: z.nullish(z.number()),
  status: z.nullish(z.string()),
  error: z.nullish(z.looseObject({ code: z.nullish(z.string()), message: z.nullish(z.string()) })),
  incomplete_details: z.nullish(z.looseObject({ reason: z.nullish(z.string()) })),
  output: z.nullish(z.array(outputItemSchema)),
  usage: z.nullish(responsesUsageSchema),
});

export type ResponsesUsage = z.infer<typeof responsesUsageSchema>;
export type ResponsesOutputItem = z.infer<typeof outputItemSchema>;
export type ResponseObject = z.infer<typeof responseObjectSchema>;

export function mapResponsesUsage(usage: ResponsesUsage | null | undefined): Usage {
  return {
    inputTokens: usage?.input_tokens ?? undefined,
    outputTokens: usage?.output_tokens ?? undefined,
    cachedInputTokens: usage?.input_tokens_details?.cached_tokens ?? undefined,
    cacheWriteInputTokens: undefined,
    reasoningTokens: usage?.output_tokens_details?.reasoning_tokens ?? undefined,
  };
}

/** `completed` (tool calls when the output ends in calls) or `incomplete` with its reason, raw kept. */
export function mapResponsesFinish(response: ResponseObject, hasToolCalls: boolean): FinishReason {
  const reason = response.incomplete_details?.reason ?? undefined;
  if (response.status === 'incomplete') {
    if (reason === 'max_output_tokens') return { unified: 'length', raw: reason };
    if (reason === 'content_filter') return { unified: 'content-filter', raw: reason };
    return { unified: 'other', raw: reason ?? 'incomplete' };
  }
  return { unified: hasToolCalls ? 'tool-calls' : 'stop', raw: response.status ?? undefined };
}
