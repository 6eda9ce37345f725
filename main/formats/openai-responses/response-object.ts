import type { ChatRequest, FinishReason, Usage } from '../../spec/index.js';
import type { EncodeContext } from '../client-format.js';
import { readResponsesRequestMetadata } from './responses-metadata.js';

export interface ResponsesUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  input_tokens_details?: { cached_tokens: number };
  output_tokens_details?: { reasoning_tokens: number };
}

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

/**
 * The response id: made from our request id, never the upstream's, because it is the key a later
 * `previous_response_id` looks up in our store (the stream and the JSON body agree on it).
 */
export function responseIdFor(requestId: string): string {
  return `resp_${requestId.replace(/[^A-Za-z0-9]/g, '')}`;
}

/**
 * Usage as the Responses API reports it; figures the upstream did not give are never made up:
 * no input or output count means no usage object, and details appear only when reported.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
export function toResponsesUsage(usage: Usage): ResponsesUsage | undefined {
  if (usage.inputTokens === undefined || usage.outputTokens === undefined) return undefined;
  const encoded: ResponsesUsage = { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens };
  if (usage.cachedInputTokens !== undefined) encoded.input_tokens_details = { cached_tokens: usage.cachedInputTokens };
  if (usage.reasoningTokens !== undefined) encoded.output_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return encoded;
}

/** `completed`, or `incomplete` with its reason when the output was cut short. */
export function statusFor(finishReason: FinishReason): { status: ResponseStatus; incomplete_details: { reason: string } | null } {
  if (finishReason.unified === 'length') return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (finishReason.unified === 'content-filter') return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

/**
 * The `response` object's fields that echo the request; the same in the JSON body and in every
 * stream event that carries the response.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export function responseEnvelope(context: EncodeContext, createdAt: number): Record<string, unknown> {
  const request: ChatRequest = context.request;
  const metadata = readResponsesRequestMetadata(request.providerMetadata);
  return {
    id: responseIdFor(context.requestId),
    object: 'response',
    created_at: createdAt,
    status: 'in_progress',
    error: null,
    incomplete_details: null,
    instructions: metadata.instructions ?? null,
    max_output_tokens: request.maxOutputTokens ?? null,
    model: context.model,
    output: [],
    parallel_tool_calls: request.parallelToolCalls ?? true,
    previous_response_id: metadata.previousResponseId ?? null,
    reasoning: { effort: metadata.reasoningEffort ?? request.reasoning?.effort ?? null, summary: metadata.reasoningSummary ?? null },
    store: metadata.store ?? true,
    temperature: request.temperature ?? null,
    text: { format: request.responseFormat?.type === 'json' ? jsonFormat(request.responseFormat) : { type: 'text' } },
    tool_choice: toolChoice(request),
    tools: request.tools.map((tool) => ({
      type: 'function',
      name: tool.name,
      description: tool.description ?? null,
      parameters: tool.inputSchema,
      strict: typeof tool.providerMetadata?.openai?.strict === 'boolean' ? tool.providerMetadata.openai.strict : null,
    })),
    top_p: request.topP ?? null,
    truncation: 'disabled',
    usage: null,
    user: request.user ?? null,
    metadata: metadata.metadata ?? {},
  };
}

function jsonFormat(format: Extract<ChatRequest['responseFormat'], { type: 'json' }>): Record<string, unknown> {
  if (format.schema === undefined) return { type: 'json_object' };
  return { type: 'json_schema', name: format.name ?? 'response', schema: format.schema, strict: format.strict ?? null };
}

function toolChoice(request: ChatRequest): unknown {
  const choice = request.toolChoice;
  if (choice === undefined) return 'auto';
  return choice.type === 'tool' ? { type: 'function', name: choice.toolName } : choice.type;
}

export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
