import { invalidRequest } from '../../errors/gateway-error.js';
import type { FilePart, Message, TextPart } from '../../spec/index.js';
import { toolArgumentsValue } from './ollama-tool-input.js';

export interface OllamaChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  images?: string[];
  thinking?: string;
  tool_calls?: { function: { name: string; arguments: unknown } }[];
  tool_name?: string;
}

/**
 * Canonical messages as Ollama messages. Ollama pairs a tool result with its call by `tool_name`
 * and order, so results carry the name (looked up from the call when the client format did not
 * say it) and go back in the order of their calls, whatever order the client sent them in (agents
 * send parallel results as they finish: two `Read` results swapped would answer each other's
 * call). Images go inline as bare base64: an Ollama server does not fetch URLs, so an image by
 * URL is a 400 that names the part.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#chat-request-with-tools
 */
export function convertToOllamaMessages(messages: Message[]): OllamaChatMessage[] {
  const converted: OllamaChatMessage[] = [];
  const toolNames = new Map<string, string>();
  /** Each call's place among the conversation's calls, and each result message's, to order results by. */
  const callOrder = new Map<string, number>();
  const resultOrder = new Map<OllamaChatMessage, number>();
  messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    switch (message.role) {
      case 'system':
        converted.push({ role: 'system', content: message.content.map((part) => part.text).join('\n\n') });
        return;
      case 'user':
        converted.push({ role: 'user', ...textAndImages(message.content, `${param}.content`) });
        return;
      case 'assistant': {
        let content = '';
        let thinking = '';
        const toolCalls: NonNullable<OllamaChatMessage['tool_calls']> = [];
        for (const part of message.content) {
          if (part.type === 'text') content += part.text;
          else if (part.type === 'reasoning') thinking += part.text;
          else {
            toolNames.set(part.toolCallId, part.toolName);
            callOrder.set(part.toolCallId, callOrder.size);
            toolCalls.push({ function: { name: part.toolName, arguments: toolArgumentsValue(part.input) } });
          }
        }
        converted.push({ role: 'assistant', content, ...(thinking === '' ? {} : { thinking }), ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls }) });
        return;
      }
      case 'tool':
        message.content.forEach((result, resultIndex) => {
          const name = result.toolName ?? toolNames.get(result.toolCallId);
          const output = textAndImages(result.output, `${param}.content[${resultIndex}].output`);
          const toolMessage: OllamaChatMessage = { role: 'tool', ...output, ...(name === undefined ? {} : { tool_name: name }) };
          resultOrder.set(toolMessage, callOrder.get(result.toolCallId) ?? Number.MAX_SAFE_INTEGER);
          converted.push(toolMessage);
        });
        return;
    }
  });
  return orderResults(converted, resultOrder);
}

/** Each run of tool results in the order of their calls (a stable sort: unknown calls keep their place at the end). */
function orderResults(messages: OllamaChatMessage[], resultOrder: Map<OllamaChatMessage, number>): OllamaChatMessage[] {
  const ordered: OllamaChatMessage[] = [];
  let run: OllamaChatMessage[] = [];
  const flush = (): void => {
    ordered.push(...run.sort((a, b) => resultOrder.get(a)! - resultOrder.get(b)!));
    run = [];
  };
  for (const message of messages) {
    if (message.role === 'tool') run.push(message);
    else {
      flush();
      ordered.push(message);
    }
  }
  flush();
  return ordered;
}

function textAndImages(parts: (TextPart | FilePart)[], param: string): { content: string; images?: string[] } {
  const texts: string[] = [];
  const images: string[] = [];
  parts.forEach((part, index) => {
    if (part.type === 'text') texts.push(part.text);
    else images.push(imageData(part, `${param}[${index}]`));
  });
  return { content: texts.join('\n'), ...(images.length === 0 ? {} : { images }) };
}

function imageData(part: FilePart, param: string): string {
  if (!part.mediaType.startsWith('image/')) {
    throw invalidRequest(`Invalid '${param}': Ollama models take images only, not ${part.mediaType}.`, param);
  }
  if (part.data.kind !== 'base64') {
    throw invalidRequest(`Invalid '${param}': an Ollama server cannot fetch images by URL; send the image inline as base64.`, param);
  }
  return part.data.base64;
}
