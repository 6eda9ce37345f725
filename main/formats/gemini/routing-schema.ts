import { z } from 'zod';

/** Gemini names the model in the URL; the body must at least hold `contents`. */
export const geminiRoutingSchema = z.looseObject({
  model: z.string().optional(),
  contents: z.array(z.unknown()),
});
