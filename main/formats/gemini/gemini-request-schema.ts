import { z } from 'zod';
import { geminiContentSchema, geminiPartSchema } from '../../providers/gemini/gemini-api.js';

/**
 * A `GenerateContentRequest` as a Gemini client sends it. The model and streaming are in the URL.
 * Objects are loose: fields the router does not translate are kept for a Gemini upstream.
 * @see https://ai.google.dev/api/generate-content#request-body
 */
const functionDeclaration = z.looseObject({
  name: z.string().min(1, 'must not be empty'),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  parametersJsonSchema: z.record(z.string(), z.unknown()).optional(),
});

const tool = z.looseObject({ functionDeclarations: z.array(functionDeclaration).optional() });

const generationConfig = z.looseObject({
  maxOutputTokens: z.number().int().positive().optional(),
  temperature: z.number().optional(),
  topP: z.number().optional(),
  topK: z.number().optional(),
  stopSequences: z.array(z.string()).optional(),
  seed: z.number().int().optional(),
  candidateCount: z.number().int().positive().optional(),
  responseMimeType: z.string().optional(),
  responseSchema: z.record(z.string(), z.unknown()).optional(),
  responseJsonSchema: z.record(z.string(), z.unknown()).optional(),
  thinkingConfig: z
    .looseObject({ includeThoughts: z.boolean().optional(), thinkingBudget: z.number().int().optional(), thinkingLevel: z.string().optional() })
    .optional(),
});

export const generateContentRequestSchema = z.looseObject({
  contents: z.array(geminiContentSchema.extend({ parts: z.array(geminiPartSchema) })).min(1, 'contents must not be empty'),
  systemInstruction: z.union([geminiContentSchema, z.string()]).optional(),
  tools: z.array(tool).optional(),
  toolConfig: z
    .looseObject({
      functionCallingConfig: z.looseObject({ mode: z.string().optional(), allowedFunctionNames: z.array(z.string()).optional() }).optional(),
    })
    .optional(),
  generationConfig: generationConfig.optional(),
  safetySettings: z.array(z.unknown()).optional(),
  cachedContent: z.string().optional(),
  /** Not Gemini's: lets a client name the model in the body when the URL does not. */
  model: z.string().optional(),
});

export type GenerateContentRequest = z.infer<typeof generateContentRequestSchema>;
export type GeminiToolDeclaration = z.infer<typeof functionDeclaration>;
