import { invalidRequest } from '../../errors/gateway-error.js';
import type { ChatRequest, Message, ReasoningOptions, ResponseFormat } from '../../spec/index.js';
import { validateBody } from '../decode-json.js';
import { anthropicExtras } from './anthropic-extras.js';
import { countTokensRequestSchema, messagesRequestSchema, type AnthropicRequest } from './anthropic-request-schema.js';
import { decodeMessage, decodeSystem, type DecodeScope } from './decode-content.js';
import { decodeToolChoice, decodeTools } from './decode-tools.js';
import { untranslatableMetadata } from './untranslatable.js';

/** Top-level fields mapped to canonical ones; every other field rides along in `providerMetadata.anthropic`. */
const mappedFields = ['model', 'max_tokens', 'messages', 'system', 'tools', 'tool_choice', 'stop_sequences', 'temperature', 'top_p', 'top_k', 'metadata', 'stream'];

/**
 * Validates an Anthropic Messages request and decodes it to the canonical hub. A 400 names the
 * offending field as the validator does (`messages[0].content[1].source`).
 * @see https://docs.anthropic.com/en/api/messages
 */
export function decodeAnthropicRequest(body: unknown, overrides?: { model?: string; stream?: boolean }): ChatRequest {
  return decode(validateBody(messagesRequestSchema, body), body as Record<string, unknown>, overrides);
}

/**
 * `/v1/messages/count_tokens`: the same body without `max_tokens`.
 * @see https://docs.anthropic.com/en/api/messages-count-tokens
 */
export function decodeCountTokensRequest(body: unknown): ChatRequest {
  return decode(validateBody(countTokensRequestSchema, body), body as Record<string, unknown>, { stream: false });
}

function decode(request: AnthropicRequest, raw: Record<string, unknown>, overrides: { model?: string; stream?: boolean } | undefined): ChatRequest {
  const scope: DecodeScope = { toolNames: new Map(), untranslatable: [] };
  const messages: Message[] = [];
  const system = decodeSystem(request.system, 'system', scope);
  if (system) messages.push(system);
  request.messages.forEach((message, index) => messages.push(...decodeMessage(message, `messages[${index}]`, scope)));
  const { tools, serverTools } = decodeTools(request.tools ?? [], raw.tools, scope.untranslatable);
  const extras = anthropicExtras(raw, mappedFields);
  return {
    model: overrides?.model ?? request.model,
    messages,
    tools,
    ...decodeToolChoice(request.tool_choice),
    maxOutputTokens: request.max_tokens,
    temperature: request.temperature ?? undefined,
    topP: request.top_p ?? undefined,
    topK: request.top_k ?? undefined,
    stopSequences: request.stop_sequences ?? [],
    seed: undefined,
    responseFormat: decodeResponseFormat(request),
    reasoning: decodeReasoning(request),
    stream: overrides?.stream ?? request.stream ?? false,
    user: request.metadata?.user_id ?? undefined,
    providerMetadata: { ...extras, ...untranslatableMetadata(scope.untranslatable, serverTools) },
  };
}

/**
 * `thinking: {type: 'enabled', budget_tokens}` is a budget; `adaptive` thinking and
 * `output_config.effort` are an effort. The raw `thinking` and `output_config` stay in
 * `providerMetadata.anthropic` (`display`, the efforts above `high`).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
function decodeReasoning(request: AnthropicRequest): ReasoningOptions | undefined {
  const effort = decodeEffort(request.output_config?.effort);
  const thinking = request.thinking;
  if (thinking?.type === 'enabled') {
    if (thinking.budget_tokens === undefined) {
      throw invalidRequest("Invalid 'thinking.budget_tokens': required when thinking.type is 'enabled'.", 'thinking.budget_tokens');
    }
    return { effort, budgetTokens: thinking.budget_tokens };
  }
  if (thinking?.type === 'adaptive' || (thinking?.type !== 'disabled' && effort !== undefined)) return { effort, budgetTokens: undefined };
  return undefined;
}

/** `xhigh` and `max` have no neutral counterpart: `high` is the nearest, and the raw value stays in the metadata. */
function decodeEffort(effort: string | null | undefined): ReasoningOptions['effort'] {
  switch (effort) {
    case 'low':
    case 'medium':
    case 'high':
      return effort;
    case 'xhigh':
    case 'max':
      return 'high';
    default:
      return undefined;
  }
}

/**
 * Structured outputs: `output_config.format` of type `json_schema`, which Anthropic enforces
 * strictly.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs
 */
function decodeResponseFormat(request: AnthropicRequest): ResponseFormat | undefined {
  const format = request.output_config?.format;
  if (format?.type !== 'json_schema') return undefined;
  return { type: 'json', schema: format.schema as Extract<ResponseFormat, { type: 'json' }>['schema'], name: undefined, strict: true };
}
