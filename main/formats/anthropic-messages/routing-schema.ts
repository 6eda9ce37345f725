import { z } from '../../../shared/zod.js';

/**
 * What routing needs from a Messages request. On passthrough the rest is the upstream's to judge
 * (it speaks the same format and answers in it); translation validates fully when decoding.
 */
export const anthropicRoutingSchema = z.looseObject({
  model: z.string().check(z.minLength(1, 'model must not be empty')),
  messages: z.array(z.unknown()),
});

/** True only for bodies `anthropicRoutingSchema` accepts, without the copy of `messages` zod makes. */
export function acceptsAnthropicRequest(body: Record<string, unknown>): boolean {
  return typeof body.model === 'string' && body.model.length > 0 && Array.isArray(body.messages);
}
