import type { ChatRequest, JsonObject, JsonValue, ToolDefinition } from '../../spec/index.js';
import { readAnthropicRequestExtras, withAnthropicExtras } from './anthropic-provider-metadata.js';
import type { AnthropicRequestBody, AnthropicTool, AnthropicToolChoice } from './anthropic-request-body.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { planAnthropicThinking } from './plan-anthropic-thinking.js';

export interface EncodedAnthropicRequest {
  body: AnthropicRequestBody;
  /** Settings Anthropic cannot honour as asked, and defaults we had to choose; for the request log. */
  warnings: string[];
}

/**
 * A canonical request to a Messages request body. Fields an Anthropic client sent that the hub has
 * no place for (`providerMetadata.anthropic`: its own `thinking` and `output_config`, `service_tier`,
 * ...; Anthropic-defined tools) are restored as sent, so an Anthropic request that is translated
 * rather than passed through loses nothing.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function encodeAnthropicRequest(request: ChatRequest, upstreamModel: string): EncodedAnthropicRequest {
  const warnings: string[] = [];
  const extras = readAnthropicRequestExtras(request.providerMetadata);
  const clientThinking = extras.fields.thinking;
  const { system, messages } = convertToAnthropicMessages(request.messages);
  const tools = [...request.tools.map(convertTool), ...extras.serverTools];
  // Anthropic refuses a tool_choice without tools; without tools it means nothing anyway.
  const toolChoice = tools.length > 0 ? convertToolChoice(request) : undefined;
  const plan = planAnthropicThinking({
    // An Anthropic client's own thinking setting is exact; the canonical reasoning only approximates it.
    reasoning: clientThinking === undefined ? request.reasoning : undefined,
    maxOutputTokens: request.maxOutputTokens,
    upstreamModel,
    toolChoice,
    messages,
    warnings,
  });

  // Keys in the order Anthropic documents them, so logged bodies read naturally.
  const body: AnthropicRequestBody = { model: upstreamModel, max_tokens: plan.maxTokens, ...(system.length > 0 ? { system } : {}), messages };
  if (tools.length > 0) body.tools = tools;
  if (toolChoice !== undefined) body.tool_choice = toolChoice;
  const thinking = isJsonObject(clientThinking) ? clientThinking : plan.thinking;
  if (thinking !== undefined) body.thinking = thinking;
  addSampling(body, request, warnings);
  if (request.stopSequences.length > 0) body.stop_sequences = request.stopSequences;
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  if (request.responseFormat?.type === 'json') {
    if (request.responseFormat.schema !== undefined) body.output_config = { format: { type: 'json_schema', schema: request.responseFormat.schema } };
    else warnings.push('JSON mode without a schema has no Anthropic equivalent; the request was sent without it.');
  }
  if (request.seed !== undefined) warnings.push('Anthropic has no seed parameter; the seed was not sent.');
  if (request.stream) body.stream = true;
  for (const [field, value] of Object.entries(extras.fields)) {
    // `output_config` as the client sent it also carries what the canonical form drops (`effort`).
    if (value !== undefined && (field === 'output_config' || !(field in body))) (body as unknown as Record<string, unknown>)[field] = value;
  }
  return { body, warnings };
}

/**
 * With thinking on, Anthropic refuses `temperature` other than 1, `top_k`, and `top_p` below 0.95;
 * those are left out (with a warning) instead of failing a request the client made valid for
 * its own format. Anthropic's temperature stops at 1 where OpenAI's goes to 2: higher values are
 * sent as 1, with a warning.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#feature-compatibility
 */
function addSampling(body: AnthropicRequestBody, request: ChatRequest, warnings: string[]): void {
  const thinking = body.thinking !== undefined && body.thinking.type !== 'disabled';
  const drop = (name: string): void => void warnings.push(`${name} was not sent: Anthropic does not accept it while thinking is on.`);
  if (request.temperature !== undefined) {
    if (thinking && request.temperature !== 1) {
      drop('temperature');
    } else if (request.temperature > 1) {
      body.temperature = 1;
      warnings.push(`temperature ${request.temperature} is above Anthropic's maximum; 1 was sent.`);
    } else {
      body.temperature = request.temperature;
    }
  }
  if (request.topP !== undefined) {
    if (thinking && request.topP < 0.95) drop('top_p');
    else body.top_p = request.topP;
  }
  if (request.topK !== undefined) {
    if (thinking) drop('top_k');
    else body.top_k = request.topK;
  }
}

function convertTool(tool: ToolDefinition): AnthropicTool {
  // Anthropic requires an object schema with `type: "object"`; clients of tools without
  // parameters often send `{}`.
  const schema = tool.inputSchema.type === undefined ? { type: 'object', ...tool.inputSchema } : tool.inputSchema;
  const description = tool.description !== undefined && tool.description !== '' ? { description: tool.description } : {};
  return withAnthropicExtras<AnthropicTool>({ name: tool.name, ...description, input_schema: schema }, tool.providerMetadata);
}

/** `parallelToolCalls: false` travels inside Anthropic's tool_choice. */
function convertToolChoice(request: ChatRequest): AnthropicToolChoice | undefined {
  const single = request.parallelToolCalls === false ? { disable_parallel_tool_use: true as const } : {};
  const choice = request.toolChoice;
  switch (choice?.type) {
    case undefined:
      return request.parallelToolCalls === false ? { type: 'auto', ...single } : undefined;
    case 'auto':
      return { type: 'auto', ...single };
    case 'required':
      return { type: 'any', ...single };
    case 'none':
      return { type: 'none' };
    case 'tool':
      return { type: 'tool', name: choice.toolName, ...single };
  }
}

function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
