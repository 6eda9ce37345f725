import { invalidRequest } from '../../errors/gateway-error.js';
import { openAiExtraFieldNames } from '../../providers/openai/openai-request-metadata.js';
import type { ChatRequest, JsonObject, JsonValue, ReasoningOptions, ResponseFormat, ToolChoice, ToolDefinition } from '../../spec/index.js';
import { decodeMessages } from './decode-openai-chat-messages.js';
import type { ChatCompletionRequest } from './request-schema.js';
import { validateChatCompletionRequest } from './validate-chat-request.js';

/**
 * A Chat Completions request to the canonical hub, for translation to another family. Passthrough
 * to an OpenAI-family upstream never comes here: it forwards the body as sent.
 *
 * OpenAI parameters with no neutral field travel in `providerMetadata.openai` (see
 * OpenAiRequestMetadata), so an OpenAI-family upstream gets them back. What no other family can
 * answer and the client would silently miss is a 400 that names the field: `n` > 1, output audio,
 * the deprecated function-calling API, files uploaded to OpenAI.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function decodeOpenAiChatRequest(body: unknown, overrides?: { model?: string; stream?: boolean }): ChatRequest {
  const request = validateChatCompletionRequest(body);
  rejectUntranslatable(request);
  const metadata: JsonObject = {};
  const includeUsage = request.stream_options?.include_usage;
  if (typeof includeUsage === 'boolean') metadata.includeUsage = includeUsage;
  if (request.max_completion_tokens != null) metadata.maxTokensField = 'max_completion_tokens';
  else if (request.max_tokens != null) metadata.maxTokensField = 'max_tokens';
  if (request.response_format?.type === 'json_schema' && request.response_format.json_schema.description) {
    metadata.responseFormatDescription = request.response_format.json_schema.description;
  }
  const reasoning = decodeReasoning(request.reasoning_effort ?? undefined, metadata);
  const extraFields = pickExtraFields(request);
  if (extraFields) metadata.extraFields = extraFields;
  return {
    model: overrides?.model ?? request.model,
    messages: decodeMessages(request.messages),
    tools: (request.tools ?? []).map(decodeTool),
    toolChoice: decodeToolChoice(request.tool_choice ?? undefined),
    parallelToolCalls: request.parallel_tool_calls ?? undefined,
    maxOutputTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
    temperature: request.temperature ?? undefined,
    topP: request.top_p ?? undefined,
    topK: request.top_k ?? undefined,
    stopSequences: request.stop == null ? [] : typeof request.stop === 'string' ? [request.stop] : request.stop,
    seed: request.seed ?? undefined,
    responseFormat: decodeResponseFormat(request.response_format ?? undefined),
    reasoning,
    stream: overrides?.stream ?? (request.stream === true),
    user: request.user ?? undefined,
    providerMetadata: Object.keys(metadata).length > 0 ? { openai: metadata } : {},
  };
}

function rejectUntranslatable(request: ChatCompletionRequest): void {
  if (request.n != null && request.n > 1) {
    throw invalidRequest("Invalid 'n': only OpenAI-compatible providers can return several choices; this model's provider answers with one. Use n = 1.", 'n');
  }
  if (request.modalities?.includes('audio') || (request.audio !== undefined && request.audio !== null)) {
    const param = request.modalities?.includes('audio') ? 'modalities' : 'audio';
    throw invalidRequest(`Invalid '${param}': audio output is only available from OpenAI-compatible providers, not from this model's provider.`, param);
  }
  for (const param of ['functions', 'function_call'] as const) {
    if (request[param] !== undefined && request[param] !== null) {
      throw invalidRequest(`Invalid '${param}': the deprecated function-calling API cannot be translated; use 'tools' and 'tool_choice'.`, param);
    }
  }
}

/** The neutral effort has no `none` or `xhigh`: the raw value is kept for OpenAI upstreams. */
function decodeReasoning(effort: ChatCompletionRequest['reasoning_effort'], metadata: JsonObject): ReasoningOptions | undefined {
  if (effort == null) return undefined;
  if (effort === 'none') {
    metadata.reasoningEffort = effort;
    return undefined;
  }
  if (effort === 'xhigh') {
    metadata.reasoningEffort = effort;
    return { effort: 'high', budgetTokens: undefined };
  }
  return { effort, budgetTokens: undefined };
}

function pickExtraFields(request: ChatCompletionRequest): JsonObject | undefined {
  let extra: JsonObject | undefined;
  const fields = request as Record<string, unknown>;
  for (const name of openAiExtraFieldNames) {
    const value = fields[name];
    // The body came from JSON.parse, so every value in it is JSON.
    if (value !== undefined && value !== null) (extra ??= {})[name] = value as JsonValue;
  }
  return extra;
}

type ToolInput = NonNullable<ChatCompletionRequest['tools']>[number];

function decodeTool(tool: ToolInput): ToolDefinition {
  const { name, description, parameters, strict } = tool.function;
  return {
    name,
    description: description ?? undefined,
    // OpenAI: "omitting parameters defines a function with an empty parameter list".
    inputSchema: (parameters as ToolDefinition['inputSchema'] | null | undefined) ?? { type: 'object', properties: {} },
    ...(strict == null ? {} : { providerMetadata: { openai: { strict } } }),
  };
}

function decodeToolChoice(choice: ChatCompletionRequest['tool_choice']): ToolChoice | undefined {
  if (choice == null) return undefined;
  if (typeof choice === 'string') return { type: choice };
  return { type: 'tool', toolName: choice.function.name };
}

function decodeResponseFormat(format: ChatCompletionRequest['response_format']): ResponseFormat | undefined {
  if (format == null) return undefined;
  if (format.type === 'text') return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json', schema: undefined, name: undefined, strict: undefined };
  const { name, schema, strict } = format.json_schema;
  return { type: 'json', schema: (schema as Extract<ResponseFormat, { type: 'json' }>['schema'] | null | undefined) ?? undefined, name, strict: strict ?? undefined };
}
