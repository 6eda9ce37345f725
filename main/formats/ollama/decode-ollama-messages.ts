import { invalidRequest } from '../../errors/gateway-error.js';
import { historyToolCallId } from '../../providers/ollama/ollama-tool-call-id.js';
import type { AssistantMessage, FilePart, Message, TextPart, ToolResultPart } from '../../spec/index.js';
import { bareBase64, detectImageType } from './detect-image-type.js';
import type { OllamaMessage } from './ollama-request-schema.js';

interface PendingCall {
  id: string;
  name: string;
}

/**
 * Ollama messages to canonical ones. Tool calls get ids (see ollama-tool-call-id.ts) and each
 * `tool` message is paired with a call of the latest assistant message that is not answered yet:
 * by `tool_call_id` when the client sent one, else the first unanswered call named `tool_name`,
 * else simply the next unanswered call (Ollama answers calls in order). A result that matches no
 * call is a 400: other formats reject orphan results.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#chat-request-with-tools
 */
export function decodeOllamaMessages(messages: OllamaMessage[]): Message[] {
  const decoded: Message[] = [];
  let pending: PendingCall[] = [];
  messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    switch (message.role) {
      case 'system':
        decoded.push({ role: 'system', content: [{ type: 'text', text: message.content ?? '' }] });
        return;
      case 'user':
        decoded.push({ role: 'user', content: userContent(message, param) });
        return;
      case 'assistant': {
        const assistant = decodeAssistant(message, index);
        pending = assistant.content.flatMap((part) => (part.type === 'tool-call' ? [{ id: part.toolCallId, name: part.toolName }] : []));
        decoded.push(assistant);
        return;
      }
      case 'tool': {
        const call = takeCall(pending, message);
        if (call === undefined) {
          throw invalidRequest(`Invalid '${param}': this tool result answers no tool call of the preceding assistant message.`, param);
        }
        const result: ToolResultPart = {
          type: 'tool-result',
          toolCallId: call.id,
          toolName: message.tool_name ?? call.name,
          output: userContent(message, param),
          isError: false,
        };
        const previous = decoded.at(-1);
        if (previous?.role === 'tool') previous.content.push(result);
        else decoded.push({ role: 'tool', content: [result] });
        return;
      }
    }
  });
  return decoded;
}

function takeCall(pending: PendingCall[], message: OllamaMessage): PendingCall | undefined {
  let at = -1;
  if (message.tool_call_id) at = pending.findIndex((call) => call.id === message.tool_call_id);
  if (at === -1 && message.tool_name) at = pending.findIndex((call) => call.name === message.tool_name);
  if (at === -1 && !message.tool_call_id && !message.tool_name) at = pending.length > 0 ? 0 : -1;
  return at === -1 ? undefined : pending.splice(at, 1)[0];
}

function decodeAssistant(message: OllamaMessage, index: number): AssistantMessage {
  const content: AssistantMessage['content'] = [];
  if (message.thinking) content.push({ type: 'reasoning', text: message.thinking });
  if (message.content) content.push({ type: 'text', text: message.content });
  (message.tool_calls ?? []).forEach((call, callIndex) => {
    const input = call.function.arguments;
    content.push({
      type: 'tool-call',
      toolCallId: call.id || historyToolCallId(index, callIndex),
      toolName: call.function.name,
      input: typeof input === 'string' ? input : JSON.stringify(input ?? {}),
    });
  });
  return { role: 'assistant', content };
}

/** Text first, then the images, as Ollama hands them to the model. */
export function userContent(message: { content?: string | null | undefined; images?: string[] | null | undefined }, param: string): (TextPart | FilePart)[] {
  const content: (TextPart | FilePart)[] = [];
  if (message.content) content.push({ type: 'text', text: message.content });
  (message.images ?? []).forEach((image, index) => content.push(decodeImage(image, `${param}.images[${index}]`)));
  if (content.length === 0) content.push({ type: 'text', text: '' });
  return content;
}

export function decodeImage(image: string, param: string): FilePart {
  const base64 = bareBase64(image);
  const mediaType = detectImageType(base64);
  if (mediaType === undefined) {
    throw invalidRequest(`Invalid '${param}': expected a base64 PNG, JPEG, GIF or WebP image.`, param);
  }
  return { type: 'file', mediaType, data: { kind: 'base64', base64 } };
}
