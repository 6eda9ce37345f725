import { z } from '../../../shared/zod.js';

/**
 * Gemini's error body, `{error: {code, message, status}}`. On its own, apart from gemini-api.ts, because
 * every request's error path can need it while the rest of Gemini's wire schemas load only with the
 * Gemini adapter or client format.
 * @see https://ai.google.dev/api/rest/v1beta/Status
 */
export const geminiErrorEnvelopeSchema = z.looseObject({
  error: z.looseObject({ code: z.number(), message: z.string(), status: z.optional(z.string()) }),
});
