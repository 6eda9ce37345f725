import { z } from '../../../shared/zod.js';

/**
 * The Gemini API v1beta wire format, as far as the router reads it. Objects are loose: fields
 * Google adds later pass through untouched.
 * @see https://ai.google.dev/api/generate-content
 * @see https://ai.google.dev/api/caching#Content
 */
export const geminiPartSchema = z.looseObject({
  text: z.optional(z.string()),
  /** The part is a thought summary (reasoning), not answer text. */
  thought: z.optional(z.boolean()),
  /** Opaque signature of the model's reasoning; must be sent back on the same part. */
  thoughtSignature: z.optional(z.string()),
  inlineData: z.optional(z.looseObject({ mimeType: z.string(), data: z.string() })),
  fileData: z.optional(z.looseObject({ mimeType: z.optional(z.string()), fileUri: z.string() })),
  functionCall: z.optional(z.looseObject({ id: z.optional(z.string()), name: z.string(), args: z.nullish(z.record(z.string(), z.unknown())) })),
  functionResponse: z.optional(z.looseObject({ id: z.optional(z.string()), name: z.string(), response: z.nullish(z.record(z.string(), z.unknown())) })),
});

export const geminiContentSchema = z.looseObject({
  role: z.optional(z.string()),
  parts: z.optional(z.array(geminiPartSchema)),
});

/** @see https://ai.google.dev/api/generate-content#UsageMetadata */
export const geminiUsageSchema = z.looseObject({
  promptTokenCount: z.optional(z.number()),
  candidatesTokenCount: z.optional(z.number()),
  totalTokenCount: z.optional(z.number()),
  cachedContentTokenCount: z.optional(z.number()),
  thoughtsTokenCount: z.optional(z.number()),
  toolUsePromptTokenCount: z.optional(z.number()),
});

export const geminiCandidateSchema = z.looseObject({
  content: z.optional(geminiContentSchema),
  finishReason: z.optional(z.string()),
  index: z.optional(z.number()),
});

/** @see https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse */
export const geminiResponseSchema = z.looseObject({
  candidates: z.optional(z.array(geminiCandidateSchema)),
  promptFeedback: z.optional(z.looseObject({ blockReason: z.optional(z.string()) })),
  usageMetadata: z.optional(geminiUsageSchema),
  modelVersion: z.optional(z.string()),
  responseId: z.optional(z.string()),
});

/** @see https://ai.google.dev/api/models#method:-models.list */
export const geminiModelListSchema = z.looseObject({
  models: z.optional(z.array(z.looseObject({ name: z.string() }))),
  nextPageToken: z.optional(z.string()),
});

export type GeminiPart = z.infer<typeof geminiPartSchema>;
export type GeminiContent = z.infer<typeof geminiContentSchema>;
export type GeminiUsage = z.infer<typeof geminiUsageSchema>;
export type GeminiResponse = z.infer<typeof geminiResponseSchema>;

/** A Gemini JSON object as the encoders build it. */
export type GeminiObject = Record<string, unknown>;
