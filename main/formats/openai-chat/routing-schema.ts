import { z } from 'zod';

/**
 * The parts of a Chat Completions request the router relies on to route it. Everything else passes
 * through untouched (loose objects), so new OpenAI fields keep working without a release of ours.
 * Passthrough validates with this schema only; translation uses `chatCompletionRequestSchema`
 * (request-schema.ts, loaded with the format on the first translated request).
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
const contentPart = z.looseObject({ type: z.string().min(1) });

const message = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
});

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1, 'model must not be empty'),
  messages: z.array(message).min(1, 'messages must contain at least one message'),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
