import { invalidRequest } from '../../errors/gateway-error.js';
import type { AssistantMessage, Message, TextPart, ToolResultPart } from '../../spec/index.js';
import { decodeContent } from './decode-openai-chat-content.js';
import type { ChatCompletionMessage } from './request-schema.js';

type AssistantInput = Extract<ChatCompletionMessage, { role: 'assistant' }>;

/**
 * Chat Completions messages to canonical ones. Consecutive `tool` messages become one tool
 * message (the results of one turn); each result gets the tool name of the call it answers, since
 * other formats need it and OpenAI does not repeat it.
 */
export function decodeMessages(messages: ChatCompletionMessage[]): Message[] {
  const decoded: Message[] = [];
  const toolNames = new Map<string, string>();
  messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        decoded.push({ role: 'system', content: decodeSystemContent(message.content, message.role) });
        return;
      case 'user':
        decoded.push({ role: 'user', content: decodeContent(message.content, `${param}.content`) });
        return;
      case 'assistant':
        decoded.push(decodeAssistant(message, param, toolNames));
        return;
      case 'tool': {
        const result: ToolResultPart = {
          type: 'tool-result',
          toolCallId: message.tool_call_id,
          toolName: toolNames.get(message.tool_call_id),
          output: decodeContent(message.content, `${param}.content`),
          isError: false,
        };
        const previous = decoded.at(-1);
        if (previous?.role === 'tool') previous.content.push(result);
        else decoded.push({ role: 'tool', content: [result] });
        return;
      }
      case 'function':
        throw invalidRequest(
          `Invalid '${param}.role': 'function' messages (the deprecated function-calling API) cannot be translated; use 'tool_calls' and 'tool' messages.`,
          `${param}.role`,
        );
    }
  });
  return decoded;
}

/** `developer` is OpenAI's newer name for `system`; it is kept so an OpenAI upstream gets it back. */
function decodeSystemContent(content: string | { text: string }[], role: 'system' | 'developer'): TextPart[] {
  const metadata = role === 'developer' ? { providerMetadata: { openai: { role } } } : {};
  const texts = typeof content === 'string' ? [content] : content.map((part) => part.text);
  return texts.map((text) => ({ type: 'text', text, ...metadata }));
}

function decodeAssistant(message: AssistantInput, param: string, toolNames: Map<string, string>): AssistantMessage {
  if (message.function_call !== undefined && message.function_call !== null) {
    throw invalidRequest(
      `Invalid '${param}.function_call': the deprecated function-calling API cannot be translated; use 'tool_calls'.`,
      `${param}.function_call`,
    );
  }
  const content: AssistantMessage['content'] = [];
  if (message.reasoning_content) content.push({ type: 'reasoning', text: message.reasoning_content });
  // Empty text is a wire artefact (assistants echo `content: ""` beside tool calls); other formats reject empty blocks.
  if (typeof message.content === 'string') {
    if (message.content !== '') content.push({ type: 'text', text: message.content });
  } else if (Array.isArray(message.content)) {
    for (const part of message.content) {
      const text = part.type === 'text' ? part.text : part.refusal;
      if (text !== '') content.push({ type: 'text', text });
    }
  }
  if (message.refusal && !content.some((part) => part.type === 'text')) content.push({ type: 'text', text: message.refusal });
  for (const call of message.tool_calls ?? []) {
    toolNames.set(call.id, call.function.name);
    content.push({ type: 'tool-call', toolCallId: call.id, toolName: call.function.name, input: call.function.arguments });
  }
  return { role: 'assistant', content };
}
