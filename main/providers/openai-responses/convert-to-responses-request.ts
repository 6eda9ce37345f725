import { invalidRequest } from '../../errors/gateway-error.js';
import { readReasoningItem, readResponsesRequestMetadata } from '../../formats/openai-responses/responses-metadata.js';
import { responsesReasoning } from './reasoning-memory.js';
import type { AssistantMessage, ChatRequest, FilePart, Message, TextPart } from '../../spec/index.js';

type InputItem = Record<string, unknown>;

/**
 * A canonical request as a Responses body. Stateless by design: the router always sends the whole
 * history, so `store` is false unless the client itself asked otherwise, and reasoning items come
 * back through `encrypted_content` (asked for with `include` whenever reasoning is in play).
 * Leading system messages become `instructions`; later ones stay in place as `developer` or
 * `system` messages. Reasoning from other vendors (no encrypted content) cannot be replayed to
 * OpenAI and is left out.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @see https://platform.openai.com/docs/guides/reasoning#encrypted-reasoning-items
 */
export function convertToResponsesRequest(request: ChatRequest, upstreamModel: string): Record<string, unknown> {
  const metadata = readResponsesRequestMetadata(request.providerMetadata);
  const leading: string[] = [];
  let index = 0;
  for (; index < request.messages.length; index++) {
    const message = request.messages[index];
    if (message?.role !== 'system') break;
    leading.push(message.content.map((part) => part.text).join('\n\n'));
  }
  const input = request.messages.slice(index).flatMap(convertMessage);
  restoreReasoning(input);
  const body: Record<string, unknown> = { model: upstreamModel };
  if (leading.length > 0) body.instructions = leading.join('\n\n');
  body.input = input;
  if (request.tools.length > 0) {
    body.tools = request.tools.map((tool) => {
      const strict = tool.providerMetadata?.openai?.strict;
      return { type: 'function', name: tool.name, ...(tool.description === undefined ? {} : { description: tool.description }), parameters: tool.inputSchema, strict: typeof strict === 'boolean' ? strict : false };
    });
    if (request.toolChoice !== undefined) body.tool_choice = request.toolChoice.type === 'tool' ? { type: 'function', name: request.toolChoice.toolName } : request.toolChoice.type;
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.maxOutputTokens !== undefined) body.max_output_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.responseFormat?.type === 'json') {
    const format = request.responseFormat;
    body.text = { format: format.schema === undefined ? { type: 'json_object' } : { type: 'json_schema', name: format.name ?? 'response', schema: format.schema, ...(format.strict === undefined ? {} : { strict: format.strict }) } };
  }
  const effort = metadata.reasoningEffort ?? request.reasoning?.effort;
  if (effort !== undefined) body.reasoning = { effort, ...(metadata.reasoningSummary ? { summary: metadata.reasoningSummary } : {}) };
  if (request.user !== undefined) body.user = request.user;
  if (metadata.safetyIdentifier !== undefined) body.safety_identifier = metadata.safetyIdentifier;
  if (metadata.metadata !== undefined) body.metadata = metadata.metadata;
  body.store = false;
  const replaysReasoning = input.some((item) => item.type === 'reasoning');
  const include = new Set(metadata.include);
  if (effort !== undefined || replaysReasoning) include.add('reasoning.encrypted_content');
  if (include.size > 0) body.include = [...include];
  if (request.stream) body.stream = true;
  return body;
}

function convertMessage(message: Message): InputItem[] {
  switch (message.role) {
    case 'system': {
      const developer = message.content.some((part) => part.providerMetadata?.openai?.role === 'developer');
      return [{ type: 'message', role: developer ? 'developer' : 'system', content: message.content.map((part) => ({ type: 'input_text', text: part.text })) }];
    }
    case 'user':
      return [{ type: 'message', role: 'user', content: message.content.map(convertUserPart) }];
    case 'assistant':
      return convertAssistant(message);
    case 'tool':
      return message.content.map((result) => {
        const onlyText = result.output.every((part) => part.type === 'text');
        const output = onlyText ? result.output.map((part) => (part as TextPart).text).join('\n') : result.output.map(convertUserPart);
        return { type: 'function_call_output', call_id: result.toolCallId, output };
      });
  }
}

function convertAssistant(message: AssistantMessage): InputItem[] {
  const items: InputItem[] = [];
  let text: string | undefined;
  const flush = (): void => {
    if (text !== undefined) items.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] });
    text = undefined;
  };
  for (const part of message.content) {
    if (part.type === 'text') {
      text = (text ?? '') + part.text;
      continue;
    }
    flush();
    if (part.type === 'tool-call') {
      items.push({ type: 'function_call', call_id: part.toolCallId, name: part.toolName, arguments: part.input });
      continue;
    }
    const stored = readReasoningItem(part.providerMetadata);
    if (stored.encryptedContent === undefined) continue;
    items.push({
      type: 'reasoning',
      ...(stored.itemId === undefined ? {} : { id: stored.itemId }),
      summary: part.text === '' ? [] : [{ type: 'summary_text', text: part.text }],
      encrypted_content: stored.encryptedContent,
    });
  }
  flush();
  return items;
}

/**
 * Puts back, before a function call, the reasoning items that preceded it in the upstream's answer
 * when the client did not send them (every format but Responses drops them; see reasoning-memory.ts).
 * An item already in the input is not sent twice.
 */
function restoreReasoning(input: InputItem[]): void {
  const present = new Set(input.filter((item) => item.type === 'reasoning').map((item) => item.id));
  for (let index = 0; index < input.length; index++) {
    const item = input[index]!;
    if (item.type !== 'function_call' || input[index - 1]?.type === 'reasoning') continue;
    const remembered = responsesReasoning.get(String(item.call_id))?.filter((reasoning) => reasoning.id === undefined || !present.has(reasoning.id));
    if (!remembered?.length) continue;
    const restored = remembered.map((reasoning) => ({ type: 'reasoning', ...(reasoning.id === undefined ? {} : { id: reasoning.id }), summary: [], encrypted_content: reasoning.encryptedContent }));
    for (const reasoning of remembered) present.add(reasoning.id);
    input.splice(index, 0, ...restored);
    index += restored.length;
  }
}

function convertUserPart(part: TextPart | FilePart): InputItem {
  if (part.type === 'text') return { type: 'input_text', text: part.text };
  const url = part.data.kind === 'base64' ? `data:${part.mediaType};base64,${part.data.base64}` : part.data.url;
  if (part.mediaType.startsWith('image/')) {
    const detail = part.providerMetadata?.openai?.imageDetail;
    return { type: 'input_image', image_url: url, detail: typeof detail === 'string' ? detail : 'auto' };
  }
  if (part.data.kind === 'url') return { type: 'input_file', file_url: url };
  if (part.mediaType.startsWith('audio/')) throw invalidRequest(`The Responses API takes no audio input (${part.mediaType}).`);
  return { type: 'input_file', ...(part.filename === undefined ? {} : { filename: part.filename }), file_data: url };
}
