import { z } from 'zod';

/**
 * The Gemini API v1beta wire format, as far as the router reads it. Objects are loose: fields
 * Google adds later pass through untouched.
 * @see https://ai.google.dev/api/generate-content
 * @see https://ai.google.dev/api/caching#Content
 */
export const geminiPartSchema = z.looseObject({
  text: z.string().optional(),
  /** The part is a thought summary (reasoning), not answer text. */
  thought: z.boolean().optional(),
  /** Opaque signature of the model's reasoning; must be sent back on the same part. */
  thoughtSignature: z.string().optional(),
  inlineData: z.looseObject({ mimeType: z.string(), data: z.string() }).optional(),
  fileData: z.looseObject({ mimeType: z.string().optional(), fileUri: z.string() }).optional(),
  functionCall: z.looseObject({ id: z.string().optional(), name: z.string(), args: z.record(z.string(), z.unknown()).nullish() }).optional(),
  functionResponse: z.looseObject({ id: z.string().optional(), name: z.string(), response: z.record(z.string(), z.unknown()).nullish() }).optional(),
});

export const geminiContentSchema = z.looseObject({
  role: z.string().optional(),
  parts: z.array(geminiPartSchema).optional(),
});

/** @see https://ai.google.dev/api/generate-content#UsageMetadata */
export const geminiUsageSchema = z.looseObject({
  promptTokenCount: z.number().optional(),
  candidatesTokenCount: z.number().optional(),
  totalTokenCount: z.number().optional(),
  cachedContentTokenCount: z.number().optional(),
  thoughtsTokenCount: z.number().optional(),
  toolUsePromptTokenCount: z.number().optional(),
});

export const geminiCandidateSchema = z.looseObject({
  content: geminiContentSchema.optional(),
  finishReason: z.string().optional(),
  index: z.number().optional(),
});

/** @see https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse */
export const geminiResponseSchema = z.looseObject({
  candidates: z.array(geminiCandidateSchema).optional(),
  promptFeedback: z.looseObject({ blockReason: z.string().optional() }).optional(),
  usageMetadata: geminiUsageSchema.optional(),
  modelVersion: z.string().optional(),
  responseId: z.string().optional(),
});

/** @see https://ai.google.dev/api/models#method:-models.list */
export const geminiModelListSchema = z.looseObject({
  models: z.array(z.looseObject({ name: z.string() })).optional(),
  nextPageToken: z.string().optional(),
});

export type GeminiPart = z.infer<typeof geminiPartSchema>;
export type GeminiContent = z.infer<typeof geminiContentSchema>;
export type GeminiUsage = z.infer<typeof geminiUsageSchema>;
export type GeminiResponse = z.infer<typeof geminiResponseSchema>;

/** A Gemini JSON object as the encoders build it. */
export type GeminiObject = Record<string, unknown>;
