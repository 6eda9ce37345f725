import { z } from '../../../shared/zod.js';

/**
 * What routing needs from a Responses request. `input` is a string (one user message) or an item
 * array; on passthrough the rest is the upstream's to judge, translation validates fully.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export const responsesRoutingSchema = z.looseObject({
  model: z.string().check(z.minLength(1, 'model must not be empty')),
  input: z.union([z.string(), z.array(z.unknown())], { error: 'expected a string or an array of input items' }),
});

/** True only for bodies `responsesRoutingSchema` accepts, without the copy of `input` zod makes. */
export function acceptsResponsesRequest(body: Record<string, unknown>): boolean {
  return typeof body.model === 'string' && body.model.length > 0 && (typeof body.input === 'string' || Array.isArray(body.input));
}
