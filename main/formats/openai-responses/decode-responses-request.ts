import { validateBody } from '../decode-json.js';
import type { ChatRequest, JsonObject, ReasoningOptions, ResponseFormat, ToolChoice, ToolDefinition } from '../../spec/index.js';
import { decodeResponsesInput } from './decode-responses-input.js';
import { functionTool, responsesRequestSchema, type ResponsesRequest } from './request-schema.js';
import { instructionsMarker, responsesMetadataKey } from './responses-metadata.js';
import { untranslatableMetadata, type Untranslatable } from './untranslatable.js';
import { invalidRequest } from '../../errors/gateway-error.js';

/**
 * A Responses request to the canonical hub. `instructions` becomes a leading system message
 * (marked, since `previous_response_id` does not carry it over); fields with no neutral home
 * (`store`, `include`, `previous_response_id`, `safety_identifier`, `metadata`, efforts `none`/`xhigh`) travel
 * in `providerMetadata['openai-responses']`. `previous_response_id` is only recorded here: the
 * route expands it with `expandPreviousResponse`, since decoding has no store.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export function decodeResponsesRequest(body: unknown, overrides?: { model?: string; stream?: boolean }): ChatRequest {
  const request = validateBody(responsesRequestSchema, body);
  const untranslatable: Untranslatable[] = [];
  const messages = decodeResponsesInput(request.input, untranslatable);
  if (request.instructions) messages.unshift({ role: 'system', content: [{ type: 'text', text: request.instructions, providerMetadata: instructionsMarker }] });
  const metadata: JsonObject = {};
  if (request.instructions) metadata.instructions = request.instructions;
  if (request.previous_response_id) metadata.previousResponseId = request.previous_response_id;
  if (typeof request.store === 'boolean') metadata.store = request.store;
  if (request.include?.length) metadata.include = request.include;
  if (request.safety_identifier) metadata.safetyIdentifier = request.safety_identifier;
  if (request.reasoning?.summary) metadata.reasoningSummary = request.reasoning.summary;
  if (request.metadata && Object.keys(request.metadata).length > 0) metadata.metadata = request.metadata;
  const reasoning = decodeReasoning(request.reasoning?.effort ?? undefined, metadata);
  return {
    model: overrides?.model ?? request.model,
    messages,
    tools: decodeTools(request.tools ?? [], untranslatable),
    toolChoice: decodeToolChoice(request.tool_choice ?? undefined, untranslatable),
    parallelToolCalls: request.parallel_tool_calls ?? undefined,
    maxOutputTokens: request.max_output_tokens ?? undefined,
    temperature: request.temperature ?? undefined,
    topP: request.top_p ?? undefined,
    topK: undefined,
    stopSequences: [],
    seed: undefined,
    responseFormat: decodeFormat(request.text?.format ?? undefined),
    reasoning,
    stream: overrides?.stream ?? request.stream === true,
    user: request.user ?? undefined,
    providerMetadata: { ...(Object.keys(metadata).length > 0 ? { [responsesMetadataKey]: metadata } : {}), ...untranslatableMetadata(untranslatable) },
  };
}

function decodeReasoning(effort: NonNullable<ResponsesRequest['reasoning']>['effort'], metadata: JsonObject): ReasoningOptions | undefined {
  if (effort == null) return undefined;
  if (effort === 'none' || effort === 'xhigh') metadata.reasoningEffort = effort;
  if (effort === 'none') return undefined;
  return { effort: effort === 'xhigh' ? 'high' : effort, budgetTokens: undefined };
}

function decodeTools(tools: { type: string }[], untranslatable: Untranslatable[]): ToolDefinition[] {
  const decoded: ToolDefinition[] = [];
  tools.forEach((raw, index) => {
    if (raw.type !== 'function') {
      untranslatable.push({ param: `tools[${index}]`, what: `the hosted tool '${raw.type}'`, droppable: true });
      return;
    }
    const parsed = functionTool.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const param = `tools[${index}]${issue?.path.length ? `.${issue.path.join('.')}` : ''}`;
      throw invalidRequest(`Invalid '${param}': ${issue?.message ?? 'invalid tool'}`, param);
    }
    const tool = parsed.data;
    decoded.push({
      name: tool.name,
      description: tool.description ?? undefined,
      inputSchema: (tool.parameters as ToolDefinition['inputSchema'] | null | undefined) ?? { type: 'object', properties: {} },
      ...(tool.strict == null ? {} : { providerMetadata: { openai: { strict: tool.strict } } }),
    });
  });
  return decoded;
}

function decodeToolChoice(choice: ResponsesRequest['tool_choice'], untranslatable: Untranslatable[]): ToolChoice | undefined {
  if (choice == null) return undefined;
  if (typeof choice === 'string') return { type: choice };
  if (choice.type === 'function' && choice.name) return { type: 'tool', toolName: choice.name };
  untranslatable.push({ param: 'tool_choice', what: `a tool_choice of type '${choice.type}'` });
  return undefined;
}

type TextFormat = NonNullable<NonNullable<ResponsesRequest['text']>['format']>;

function decodeFormat(format: TextFormat | undefined): ResponseFormat | undefined {
  if (format === undefined) return undefined;
  if (format.type === 'text') return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json', schema: undefined, name: undefined, strict: undefined };
  return {
    type: 'json',
    schema: (format.schema as Extract<ResponseFormat, { type: 'json' }>['schema'] | null | undefined) ?? undefined,
    name: format.name ?? undefined,
    strict: format.strict ?? undefined,
  };
}
