import { z } from '../../shared/zod.js';
import type { Usage } from '../spec/index.js';
import type { UsageEntry } from '../usage/usage-entry.js';

/**
 * An OpenAI endpoint that takes one JSON body and answers with one JSON body, which only the
 * `openai` family serves: the body passes through with `model` rewritten, the answer comes back
 * byte for byte.
 */
export interface OpenAiJsonEndpoint {
  /** Path after `/v1` (client side) and after the provider's base URL (upstream side). */
  path: string;
  /** What routing needs from the body; everything else is the upstream's to judge. */
  schema: z.ZodMiniType<{ model: string }>;
  /** The client format usage records name. */
  usageFormat: UsageEntry['clientFormat'];
  /** Token figures exactly as the answer reports them. */
  usageOf(answer: unknown): Usage | undefined;
  /** Whether a model name looks like one this endpoint serves, for its `GET` model list. */
  listsModel(model: string): boolean;
}

const count = z.optional(z.number().check(z.int(), z.nonnegative()));

/** @see https://platform.openai.com/docs/api-reference/embeddings/create */
export const embeddingsEndpoint: OpenAiJsonEndpoint = {
  path: '/embeddings',
  schema: z.looseObject({
    model: z.string('model is required').check(z.minLength(1, 'model must not be empty')),
    input: z.union([z.string(), z.array(z.unknown()).check(z.minLength(1, 'input must not be empty'))], 'input must be a string or an array'),
  }),
  usageFormat: 'openai-embeddings',
  usageOf(answer) {
    const usage = z.looseObject({ usage: z.looseObject({ prompt_tokens: count }) }).safeParse(answer);
    if (!usage.success) return undefined;
    return { inputTokens: usage.data.usage.prompt_tokens, outputTokens: undefined, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined };
  },
  // Embedding models name themselves so across vendors: text-embedding-3-small, nomic-embed-text,
  // Qwen3-Embedding-8B, and the bge / gte / e5 families.
  listsModel: (model) => /embed|(^|[/_-])(bge|gte|e5)[-_]/i.test(model),
};

/**
 * GPT image models report tokens (`input_tokens`, `output_tokens`); DALL·E reports none.
 * @see https://platform.openai.com/docs/api-reference/images/create
 */
export const imageGenerationsEndpoint: OpenAiJsonEndpoint = {
  path: '/images/generations',
  schema: z.looseObject({
    model: z.string('model is required').check(z.minLength(1, 'model must not be empty')),
    prompt: z.string('prompt is required').check(z.minLength(1, 'prompt must not be empty')),
  }),
  usageFormat: 'openai-images',
  usageOf(answer) {
    const usage = z.looseObject({ usage: z.looseObject({ input_tokens: count, output_tokens: count }) }).safeParse(answer);
    if (!usage.success) return undefined;
    return { inputTokens: usage.data.usage.input_tokens, outputTokens: usage.data.usage.output_tokens, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined };
  },
  listsModel: (model) => /dall-e|gpt-image|image|flux|stable-diffusion|sdxl|sd3|imagen|seedream|recraft|kolors|hidream/i.test(model),
};
