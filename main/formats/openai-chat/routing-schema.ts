import { z } from '../../../shared/zod.js';

/**
 * The parts of a Chat Completions request the router relies on to route it. Everything else passes
 * through untouched (loose objects), so new OpenAI fields keep working without a release of ours.
 * Passthrough validates with this schema only; translation uses `chatCompletionRequestSchema`
 * (request-schema.ts, loaded with the format on the first translated request).
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
const contentPart = z.looseObject({ type: z.string().check(z.minLength(1)) });

const chatRoles = ['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const;

const message = z.looseObject({
  role: z.enum(chatRoles),
  content: z.optional(z.union([z.string(), z.array(contentPart), z.null()])),
});

export const chatRequestSchema = z.looseObject({
  model: z.string().check(z.minLength(1, 'model must not be empty')),
  messages: z.array(message).check(z.minLength(1, 'messages must contain at least one message')),
  stream: z.nullish(z.boolean()),
  stream_options: z.nullish(z.looseObject({ include_usage: z.optional(z.boolean()) })),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;

const roles: ReadonlySet<unknown> = new Set(chatRoles);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * True only for bodies `chatRequestSchema` accepts, checked without copying anything: zod builds a
 * copy of every message it validates, which cost about 65 µs per request for a 200-message
 * conversation, the everyday size for a coding agent. Never looser than the schema (a test holds
 * them together); a body this rejects goes through the schema, which names the offending field.
 */
export function acceptsChatRequest(body: Record<string, unknown>): boolean {
  const { model, messages, stream, stream_options: streamOptions } = body;
  if (typeof model !== 'string' || model.length === 0) return false;
  if (!Array.isArray(messages) || messages.length === 0) return false;
  for (const message of messages as unknown[]) {
    if (!isRecord(message) || !roles.has(message.role)) return false;
    const { content } = message;
    if (content === undefined || content === null || typeof content === 'string') continue;
    if (!Array.isArray(content)) return false;
    for (const part of content as unknown[]) if (!isRecord(part) || typeof part.type !== 'string' || part.type.length === 0) return false;
  }
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') return false;
  if (streamOptions === undefined || streamOptions === null) return true;
  return isRecord(streamOptions) && (streamOptions.include_usage === undefined || typeof streamOptions.include_usage === 'boolean');
}
