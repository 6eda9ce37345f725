import { z } from 'zod';

/**
 * What routing needs from a Messages request. On passthrough the rest is the upstream's to judge
 * (it speaks the same format and answers in it); translation validates fully when decoding.
 */
export const anthropicRoutingSchema = z.looseObject({
  model: z.string().min(1, 'model must not be empty'),
  messages: z.array(z.unknown()),
});
