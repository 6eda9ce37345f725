import type { ChatRequest, ResponseFormat, ToolChoice, ToolDefinition } from '../../spec/index.js';
import { convertToOpenAiChatMessages } from './convert-to-openai-chat-messages.js';
import { readOpenAiRequestMetadata, type OpenAiRequestMetadata } from './openai-request-metadata.js';

/**
 * A canonical request as a Chat Completions body. Fields are sent only when the request sets
 * them, so each vendor's defaults apply. Not sent, since OpenAI rejects parameters it does not
 * know: `topK`, and a reasoning budget without an effort (from Anthropic or Gemini clients), which
 * non-reasoning models also reject as `reasoning_effort`.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function convertToOpenAiChat(request: ChatRequest, upstreamModel: string): Record<string, unknown> {
  const metadata = readOpenAiRequestMetadata(request.providerMetadata);
  const body: Record<string, unknown> = {
    model: upstreamModel,
    messages: convertToOpenAiChatMessages(request.messages, { replayReasoning: repliesNeedReasoning(upstreamModel) }),
  };
  // OpenAI rejects `tool_choice` and `parallel_tool_calls` in a request without tools.
  if (request.tools.length > 0) {
    body.tools = request.tools.map(convertTool);
    if (request.toolChoice !== undefined) body.tool_choice = convertToolChoice(request.toolChoice);
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.maxOutputTokens !== undefined) body[maxTokensField(metadata, upstreamModel)] = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stopSequences.length > 0) body.stop = request.stopSequences;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.responseFormat !== undefined) body.response_format = convertResponseFormat(request.responseFormat, metadata);
  const effort = metadata.reasoningEffort ?? request.reasoning?.effort;
  if (effort !== undefined) body.reasoning_effort = effort;
  if (request.user !== undefined) body.user = request.user;
  if (request.stream) {
    // Usage is always asked for, so it is always known; the client's encoder decides whether to show it.
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  for (const [name, value] of Object.entries(metadata.extraFields ?? {})) {
    if (value !== undefined && !(name in body)) body[name] = value;
  }
  return body;
}

/**
 * `max_tokens` reaches the most vendors; OpenAI's reasoning models (o-series, gpt-5) accept only
 * `max_completion_tokens`, which an OpenAI client may also have chosen itself.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-max_tokens
 */
function maxTokensField(metadata: OpenAiRequestMetadata, upstreamModel: string): 'max_tokens' | 'max_completion_tokens' {
  if (/(^|\/)(o\d|gpt-5)/.test(upstreamModel)) return 'max_completion_tokens';
  return metadata.maxTokensField ?? 'max_tokens';
}

/**
 * DeepSeek's thinking mode wants its reasoning back in later turns. A vendor quirk, recognised by
 * model name until `encodeRequest` is told the provider's preset.
 */
function repliesNeedReasoning(upstreamModel: string): boolean {
  return /deepseek/i.test(upstreamModel);
}

function convertTool(tool: ToolDefinition): Record<string, unknown> {
  const strict = tool.providerMetadata?.openai?.strict;
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.inputSchema,
      ...(typeof strict === 'boolean' ? { strict } : {}),
    },
  };
}

function convertToolChoice(choice: ToolChoice): unknown {
  if (choice.type === 'tool') return { type: 'function', function: { name: choice.toolName } };
  return choice.type;
}

/** `json_schema` needs a name; formats without one (Anthropic, Gemini) get `response`. */
function convertResponseFormat(format: ResponseFormat, metadata: OpenAiRequestMetadata): unknown {
  if (format.type === 'text') return { type: 'text' };
  if (format.schema === undefined) return { type: 'json_object' };
  return {
    type: 'json_schema',
    json_schema: {
      name: format.name ?? 'response',
      ...(metadata.responseFormatDescription === undefined ? {} : { description: metadata.responseFormatDescription }),
      schema: format.schema,
      ...(format.strict === undefined ? {} : { strict: format.strict }),
    },
  };
}
