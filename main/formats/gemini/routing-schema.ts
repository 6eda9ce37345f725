import { z } from '../../../shared/zod.js';

/** Gemini names the model in the URL; the body must at least hold `contents`. */
export const geminiRoutingSchema = z.looseObject({
  model: z.optional(z.string()),
  contents: z.array(z.unknown()),
});

/** True only for bodies `geminiRoutingSchema` accepts, without the copy of `contents` zod makes. */
export function acceptsGeminiRequest(body: Record<string, unknown>): boolean {
  return (body.model === undefined || typeof body.model === 'string') && Array.isArray(body.contents);
}
