import type { ChatRequest, ToolChoice } from '../../spec/index.js';
import type { GeminiObject } from './gemini-api.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import { geminiMetadata, objectField } from './gemini-provider-metadata.js';
import { sanitizeGeminiSchema } from './sanitize-gemini-schema.js';

/**
 * Reasoning effort as a thinking budget: the values Google's own OpenAI compatibility layer uses.
 * @see https://ai.google.dev/gemini-api/docs/openai#thinking
 */
const budgetByEffort = { minimal: 1024, low: 1024, medium: 8192, high: 24576 } as const;

export interface EncodedGeminiRequest {
  body: GeminiObject;
  /** What could not be sent as asked (schema keywords, unsupported settings). */
  warnings: string[];
}

/**
 * A canonical request as a Gemini `GenerateContentRequest`. The model and streaming are in the
 * URL, not the body (see gemini-path.ts). Fields a Gemini client sent that have no neutral home
 * (`safetySettings`, unmapped `generationConfig` fields) are restored from `providerMetadata.gemini`.
 * @see https://ai.google.dev/api/generate-content#request-body
 */
export function encodeGeminiRequest(request: ChatRequest, upstreamModel?: string): EncodedGeminiRequest {
  const { systemInstruction, contents, warnings } = convertToGeminiContents(request.messages, upstreamModel === undefined ? {} : { upstreamModel });
  const metadata = geminiMetadata(request.providerMetadata);
  const body: GeminiObject = { contents };
  if (systemInstruction) body.systemInstruction = systemInstruction;

  const tools: GeminiObject[] = [];
  if (request.tools.length > 0) {
    const functionDeclarations = request.tools.map((tool, index) => {
      const { schema, warnings: schemaWarnings } = sanitizeGeminiSchema(tool.inputSchema, `tools[${index}].parameters`);
      warnings.push(...schemaWarnings);
      const properties = schema.properties;
      // Gemini refuses an object schema without properties: a function without arguments has none.
      const hasParameters = schema.type !== 'object' || (properties !== null && typeof properties === 'object' && Object.keys(properties).length > 0);
      return { name: tool.name, ...(tool.description ? { description: tool.description } : {}), ...(hasParameters ? { parameters: schema } : {}) };
    });
    tools.push({ functionDeclarations });
  }
  if (Array.isArray(metadata.tools)) tools.push(...(metadata.tools as GeminiObject[]));
  if (tools.length > 0) body.tools = tools;

  const functionCallingConfig = encodeToolChoice(request.toolChoice);
  if (functionCallingConfig) body.toolConfig = { functionCallingConfig };
  if (request.parallelToolCalls === false) warnings.push('parallelToolCalls: Gemini has no switch to turn off parallel function calls; the model may still call several');

  const generationConfig = encodeGenerationConfig(request, warnings);
  const extraConfig = objectField(metadata, 'generationConfig') ?? {};
  if (Object.keys(generationConfig).length > 0 || Object.keys(extraConfig).length > 0) body.generationConfig = { ...extraConfig, ...generationConfig };
  const extras = objectField(metadata, 'extras');
  return { body: extras ? { ...extras, ...body } : body, warnings };
}

/** @see https://ai.google.dev/gemini-api/docs/function-calling#function_calling_modes */
function encodeToolChoice(choice: ToolChoice | undefined): GeminiObject | undefined {
  switch (choice?.type) {
    case undefined:
      return undefined;
    case 'auto':
      return { mode: 'AUTO' };
    case 'none':
      return { mode: 'NONE' };
    case 'required':
      return { mode: 'ANY' };
    case 'tool':
      return { mode: 'ANY', allowedFunctionNames: [choice.toolName] };
  }
}

/** @see https://ai.google.dev/api/generate-content#v1beta.GenerationConfig */
function encodeGenerationConfig(request: ChatRequest, warnings: string[]): GeminiObject {
  const config: GeminiObject = {};
  if (request.maxOutputTokens !== undefined) config.maxOutputTokens = request.maxOutputTokens;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.topK !== undefined) config.topK = request.topK;
  if (request.stopSequences.length > 0) config.stopSequences = request.stopSequences;
  if (request.seed !== undefined) config.seed = request.seed;
  const format = request.responseFormat;
  if (format?.type === 'json') {
    config.responseMimeType = 'application/json';
    if (format.schema) {
      const { schema, warnings: schemaWarnings } = sanitizeGeminiSchema(format.schema, 'responseFormat.schema');
      warnings.push(...schemaWarnings);
      config.responseSchema = schema;
    }
  }
  const reasoning = request.reasoning;
  if (reasoning) {
    const budget = reasoning.budgetTokens ?? (reasoning.effort ? budgetByEffort[reasoning.effort] : undefined);
    // Thoughts are asked for so that a client that wants reasoning sees it.
    config.thinkingConfig = { includeThoughts: true, ...(budget !== undefined ? { thinkingBudget: budget } : {}) };
  }
  return config;
}
