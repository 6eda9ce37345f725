import { z } from 'zod';
import type { FinishReason, Usage } from '../../spec/index.js';

/**
 * Zod schemas of what a Responses upstream sends back, loose for the vendors that add fields.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export const responsesUsageSchema = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  input_tokens_details: z.looseObject({ cached_tokens: z.number().nullish() }).nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
});

export const outputItemSchema = z.looseObject({
  type: z.string(),
  id: z.string().nullish(),
  content: z.array(z.looseObject({ type: z.string(), text: z.string().nullish(), refusal: z.string().nullish() })).nullish(),
  summary: z.array(z.looseObject({ text: z.string() })).nullish(),
  encrypted_content: z.string().nullish(),
  call_id: z.string().nullish(),
  name: z.string().nullish(),
  arguments: z.string().nullish(),
});

export const responseObjectSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  created_at: z.number().nullish(),
  status: z.string().nullish(),
  error: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
  incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish(),
  output: z.array(outputItemSchema).nullish(),
  usage: responsesUsageSchema.nullish(),
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
