import { toolArgumentsValue } from '../../providers/ollama/ollama-tool-input.js';
import type { GenerateResult } from '../../spec/index.js';
import { createdAt, doneFields, type OllamaEncodeContext } from './ollama-timing.js';

export interface OllamaToolCall {
  function: { name: string; arguments: unknown };
}

/** Ollama tool calls carry no id and their arguments as an object. */
export function toOllamaToolCall(name: string, input: string): OllamaToolCall {
  return { function: { name, arguments: toolArgumentsValue(input) } };
}

function collect(result: GenerateResult): { text: string; thinking: string; toolCalls: OllamaToolCall[] } {
  let text = '';
  let thinking = '';
  const toolCalls: OllamaToolCall[] = [];
  for (const part of result.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') thinking += part.text;
    else toolCalls.push(toOllamaToolCall(part.toolName, part.input));
  }
  return { text, thinking, toolCalls };
}

/**
 * A whole answer as an `/api/chat` response (`stream: false`).
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#chat-request-no-streaming
 */
export function encodeOllamaChatResult(result: GenerateResult, context: OllamaEncodeContext): Record<string, unknown> {
  const { text, thinking, toolCalls } = collect(result);
  return {
    model: context.model,
    created_at: createdAt(),
    message: {
      role: 'assistant',
      content: text,
      ...(thinking === '' ? {} : { thinking }),
      ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls }),
    },
    ...doneFields(result.finishReason, result.usage, context),
  };
}

/**
 * A whole answer as an `/api/generate` response: `response` instead of `message`. No `context`
 * is sent: its token ids would mean nothing to any server but the one that made them.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#request-no-streaming
 */
export function encodeOllamaGenerateResult(result: GenerateResult, context: OllamaEncodeContext): Record<string, unknown> {
  const { text, thinking } = collect(result);
  return {
    model: context.model,
    created_at: createdAt(),
    response: text,
    ...(thinking === '' ? {} : { thinking }),
    ...doneFields(result.finishReason, result.usage, context),
  };
}
