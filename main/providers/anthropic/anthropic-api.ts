import { z } from '../../../shared/zod.js';

/**
 * The parts of Anthropic's Messages responses the adapter reads. Objects are loose and block and
 * event types open-ended, because Anthropic adds both over time and documents that clients must
 * ignore the ones they do not know.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */

const count = z.number().check(z.int(), z.nonnegative());

export const anthropicUsageSchema = z.looseObject({
  input_tokens: z.nullish(count),
  output_tokens: z.nullish(count),
  cache_creation_input_tokens: z.nullish(count),
  cache_read_input_tokens: z.nullish(count),
  output_tokens_details: z.nullish(z.looseObject({ thinking_tokens: z.nullish(count) })),
});
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;

const textBlock = z.looseObject({ type: z.literal('text'), text: z.string() });
const thinkingBlock = z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.nullish(z.string()) });
const redactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });
const toolUseBlock = z.looseObject({ type: z.literal('tool_use'), id: z.string().check(z.minLength(1)), name: z.string().check(z.minLength(1)), input: z.unknown() });

/**
 * Server tool blocks and whatever comes next have no neutral home and are skipped; a malformed
 * block of a known type still fails validation instead of slipping through as unknown.
 */
function orOther<const Known extends string>(known: readonly Known[]) {
  return z.pipe(
    z.looseObject({ type: z.string() }).check(z.refine((value) => !(known as readonly string[]).includes(value.type))),
    z.transform((value) => ({ type: 'other' as const, originalType: value.type })),
  );
}

export const anthropicContentBlockSchema = z.union([
  z.discriminatedUnion('type', [textBlock, thinkingBlock, redactedThinkingBlock, toolUseBlock]),
  orOther(['text', 'thinking', 'redacted_thinking', 'tool_use']),
]);
export type AnthropicContentBlock = z.infer<typeof anthropicContentBlockSchema>;

/** A whole message: the non-streaming answer, and the skeleton inside `message_start`. */
export const anthropicMessageSchema = z.looseObject({
  id: z.nullish(z.string()),
  type: z.literal('message'),
  model: z.nullish(z.string()),
  content: z.array(anthropicContentBlockSchema),
  stop_reason: z.nullish(z.string()),
  stop_sequence: z.nullish(z.string()),
  usage: z.nullish(anthropicUsageSchema),
});
export type AnthropicMessage = z.infer<typeof anthropicMessageSchema>;

export const anthropicErrorEnvelopeSchema = z.looseObject({
  type: z.literal('error'),
  error: z.looseObject({ type: z.string(), message: z.string() }),
});
export type AnthropicErrorEnvelope = z.infer<typeof anthropicErrorEnvelopeSchema>;

export const messageStartEventSchema = z.looseObject({ type: z.literal('message_start'), message: anthropicMessageSchema });

export const contentBlockStartEventSchema = z.looseObject({
  type: z.literal('content_block_start'),
  index: count,
  content_block: anthropicContentBlockSchema,
});

export const contentBlockDeltaEventSchema = z.looseObject({
  type: z.literal('content_block_delta'),
  index: count,
  delta: z.union([
    z.discriminatedUnion('type', [
      z.looseObject({ type: z.literal('text_delta'), text: z.string() }),
      z.looseObject({ type: z.literal('input_json_delta'), partial_json: z.string() }),
      z.looseObject({ type: z.literal('thinking_delta'), thinking: z.string() }),
      z.looseObject({ type: z.literal('signature_delta'), signature: z.string() }),
    ]),
    // citations_delta and later additions.
    orOther(['text_delta', 'input_json_delta', 'thinking_delta', 'signature_delta']),
  ]),
});

export const contentBlockStopEventSchema = z.looseObject({ type: z.literal('content_block_stop'), index: count });

export const messageDeltaEventSchema = z.looseObject({
  type: z.literal('message_delta'),
  delta: z.looseObject({ stop_reason: z.nullish(z.string()), stop_sequence: z.nullish(z.string()) }),
  /** Cumulative figures: each field present here supersedes the one from `message_start`. */
  usage: z.nullish(anthropicUsageSchema),
});

export const modelListSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string() })),
  has_more: z.nullish(z.boolean()),
  last_id: z.nullish(z.string()),
});
