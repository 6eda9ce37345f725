import { invalidRequest } from '../../errors/gateway-error.js';
import type { ChatRequest, JsonObject, JsonValue, Message, ReasoningOptions, ResponseFormat, ToolChoice, ToolDefinition } from '../../spec/index.js';
import { validateBody } from '../decode-json.js';
import { decodeGeminiContents } from './decode-gemini-contents.js';
import { generateContentRequestSchema, type GenerateContentRequest } from './gemini-request-schema.js';
import { geminiSchemaToJsonSchema } from './gemini-schema-to-json-schema.js';
import { untranslatableMetadata, type Untranslatable } from './untranslatable.js';

type Schema = ToolDefinition['inputSchema'];

const mappedFields = ['contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig', 'model'];
const mappedConfigFields = ['maxOutputTokens', 'temperature', 'topP', 'topK', 'stopSequences', 'seed', 'responseMimeType', 'responseSchema', 'responseJsonSchema', 'thinkingConfig'];

/**
 * Validates a Gemini `GenerateContentRequest` and decodes it to the canonical hub. The model and
 * streaming come from the URL (`overrides`). Fields with no neutral home (`safetySettings`,
 * unmapped `generationConfig` fields, built-in tools) are kept in `providerMetadata.gemini`.
 * @see https://ai.google.dev/api/generate-content#request-body
 */
export function decodeGeminiRequest(body: unknown, overrides?: { model?: string; stream?: boolean }): ChatRequest {
  const request = validateBody(generateContentRequestSchema, body);
  const model = overrides?.model ?? request.model;
  if (!model) throw invalidRequest('The model is missing: call /v1beta/models/{model}:generateContent.', 'model');
  const untranslatable: Untranslatable[] = [];
  const messages: Message[] = [];
  const system = decodeSystem(request.systemInstruction);
  if (system) messages.push(system);
  messages.push(...decodeGeminiContents(request.contents));
  const { tools, builtIn } = decodeTools(request, untranslatable);
  const config = request.generationConfig ?? {};
  if (config.candidateCount !== undefined && config.candidateCount > 1) {
    untranslatable.push({ param: 'generationConfig.candidateCount', what: `${config.candidateCount} candidates` });
  }
  if (request.cachedContent !== undefined) untranslatable.push({ param: 'cachedContent', what: 'cached content' });
  const gemini: JsonObject = {};
  const extras = pick(request, (key) => !mappedFields.includes(key));
  const configExtras = pick(config, (key) => !mappedConfigFields.includes(key));
  if (extras) gemini.extras = extras;
  if (configExtras) gemini.generationConfig = configExtras;
  if (builtIn.length > 0) gemini.tools = builtIn;
  return {
    model,
    messages,
    tools,
    toolChoice: decodeToolChoice(request, tools, untranslatable),
    parallelToolCalls: undefined,
    maxOutputTokens: config.maxOutputTokens,
    temperature: config.temperature,
    topP: config.topP,
    topK: config.topK,
    stopSequences: config.stopSequences ?? [],
    seed: config.seed,
    responseFormat: decodeResponseFormat(config),
    reasoning: decodeReasoning(config.thinkingConfig),
    stream: overrides?.stream ?? false,
    user: undefined,
    providerMetadata: { ...(Object.keys(gemini).length > 0 ? { gemini } : {}), ...untranslatableMetadata(untranslatable) },
  };
}

function decodeSystem(system: GenerateContentRequest['systemInstruction']): Message | undefined {
  if (system === undefined) return undefined;
  // The SDKs accept a bare string; Gemini itself takes a Content with text parts.
  const texts = typeof system === 'string' ? [system] : (system.parts ?? []).flatMap((part) => (part.text === undefined ? [] : [part.text]));
  return texts.length > 0 ? { role: 'system', content: texts.map((text) => ({ type: 'text', text })) } : undefined;
}

function decodeTools(request: GenerateContentRequest, untranslatable: Untranslatable[]): { tools: ToolDefinition[]; builtIn: JsonValue[] } {
  const tools: ToolDefinition[] = [];
  const builtIn: JsonValue[] = [];
  (request.tools ?? []).forEach((tool, index) => {
    for (const declaration of tool.functionDeclarations ?? []) {
      // `parametersJsonSchema` is JSON Schema already; `parameters` is Gemini's OpenAPI subset.
      const inputSchema = (declaration.parametersJsonSchema as Schema | undefined) ?? (declaration.parameters ? geminiSchemaToJsonSchema(declaration.parameters as Schema) : { type: 'object', properties: {} });
      tools.push({ name: declaration.name, description: declaration.description, inputSchema });
    }
    const others = pick(tool, (key) => key !== 'functionDeclarations');
    if (others) {
      builtIn.push(others);
      untranslatable.push({ param: `tools[${index}]`, what: `the Gemini built-in tool ${Object.keys(others).map((key) => `'${key}'`).join(', ')}`, droppable: true });
    }
  });
  return { tools, builtIn };
}

/** @see https://ai.google.dev/gemini-api/docs/function-calling#function_calling_modes */
function decodeToolChoice(request: GenerateContentRequest, tools: ToolDefinition[], untranslatable: Untranslatable[]): ToolChoice | undefined {
  const config = request.toolConfig?.functionCallingConfig;
  if (config === undefined) return undefined;
  const allowed = config.allowedFunctionNames ?? [];
  switch (config.mode) {
    case 'NONE':
      return { type: 'none' };
    case 'ANY': {
      if (allowed.length === 1) return { type: 'tool', toolName: allowed[0]! };
      const everyTool = tools.every((tool) => allowed.includes(tool.name));
      if (allowed.length > 1 && !everyTool) {
        untranslatable.push({ param: 'toolConfig.functionCallingConfig.allowedFunctionNames', what: 'a choice of several allowed functions' });
      }
      return { type: 'required' };
    }
    case 'AUTO':
    case 'VALIDATED':
    case 'MODE_UNSPECIFIED':
    case undefined:
      return { type: 'auto' };
    default:
      throw invalidRequest(`Invalid 'toolConfig.functionCallingConfig.mode': '${config.mode}'.`, 'toolConfig.functionCallingConfig.mode');
  }
}

/** @see https://ai.google.dev/gemini-api/docs/structured-output */
function decodeResponseFormat(config: NonNullable<GenerateContentRequest['generationConfig']>): ResponseFormat | undefined {
  if (config.responseMimeType !== 'application/json') return undefined;
  const schema = (config.responseJsonSchema as Schema | undefined) ?? (config.responseSchema ? geminiSchemaToJsonSchema(config.responseSchema as Schema) : undefined);
  return { type: 'json', schema, name: undefined, strict: schema === undefined ? undefined : true };
}

/**
 * `thinkingBudget` is a budget (0 turns thinking off, -1 lets the model decide); `thinkingLevel`
 * (Gemini 3) is an effort. `includeThoughts` alone asks for reasoning at the model's default.
 * @see https://ai.google.dev/gemini-api/docs/thinking
 */
function decodeReasoning(thinking: NonNullable<GenerateContentRequest['generationConfig']>['thinkingConfig']): ReasoningOptions | undefined {
  if (thinking === undefined) return undefined;
  const budget = thinking.thinkingBudget;
  if (budget === 0) return undefined;
  const level = thinking.thinkingLevel?.toLowerCase();
  const effort = level === 'minimal' || level === 'low' || level === 'medium' || level === 'high' ? level : undefined;
  if (budget === undefined && effort === undefined && thinking.includeThoughts !== true) return undefined;
  return { effort, budgetTokens: budget !== undefined && budget > 0 ? budget : undefined };
}

function pick(object: Record<string, unknown>, keep: (key: string) => boolean): JsonObject | undefined {
  let picked: JsonObject | undefined;
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || !keep(key)) continue;
    (picked ??= {})[key] = value as JsonValue;
  }
  return picked;
}
