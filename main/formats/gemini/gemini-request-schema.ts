import { z } from '../../../shared/zod.js';
import { geminiContentSchema, geminiPartSchema } from '../../providers/gemini/gemini-api.js';

/**
 * A `GenerateContentRequest` as a Gemini client sends it. The model and streaming are in the URL.
 * Objects are loose: fields the router does not translate are kept for a Gemini upstream.
 * @see https://ai.google.dev/api/generate-content#request-body
 */
const functionDeclaration = z.looseObject({
  name: z.string().check(z.minLength(1, 'must not be empty')),
  description: z.optional(z.string()),
  parameters: z.optional(z.record(z.string(), z.unknown())),
  parametersJsonSchema: z.optional(z.record(z.string(), z.unknown())),
});

const tool = z.looseObject({ functionDeclarations: z.optional(z.array(functionDeclaration)) });

const generationConfig = z.looseObject({
  maxOutputTokens: z.optional(z.number().check(z.int(), z.positive())),
  temperature: z.optional(z.number()),
  topP: z.optional(z.number()),
  topK: z.optional(z.number()),
  stopSequences: z.optional(z.array(z.string())),
  seed: z.optional(z.number().check(z.int())),
  candidateCount: z.optional(z.number().check(z.int(), z.positive())),
  responseMimeType: z.optional(z.string()),
  responseSchema: z.optional(z.record(z.string(), z.unknown())),
  responseJsonSchema: z.optional(z.record(z.string(), z.unknown())),
  thinkingConfig: z.optional(
    z.looseObject({ includeThoughts: z.optional(z.boolean()), thinkingBudget: z.optional(z.number().check(z.int())), thinkingLevel: z.optional(z.string()) }),
  ),
});

export const generateContentRequestSchema = z.looseObject({
  contents: z.array(z.extend(geminiContentSchema, { parts: z.array(geminiPartSchema) })).check(z.minLength(1, 'contents must not be empty')),
  systemInstruction: z.optional(z.union([geminiContentSchema, z.string()])),
  tools: z.optional(z.array(tool)),
  toolConfig: z.optional(
    z.looseObject({
      functionCallingConfig: z.optional(z.looseObject({ mode: z.optional(z.string()), allowedFunctionNames: z.optional(z.array(z.string())) })),
    }),
  ),
  generationConfig: z.optional(generationConfig),
  safetySettings: z.optional(z.array(z.unknown())),
  cachedContent: z.optional(z.string()),
  /** Not Gemini's: lets a client name the model in the body when the URL does not. */
  model: z.optional(z.string()),
});

export type GenerateContentRequest = z.infer<typeof generateContentRequestSchema>;
export type GeminiToolDeclaration = z.infer<typeof functionDeclaration>;
