import type { FinishReason } from '../../spec/index.js';

export type OpenAiFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/**
 * The neutral finish reason in OpenAI's terms. OpenAI has no value for `error` or `other`: they
 * read as `stop`. An answer that ends in tool calls says `tool_calls` even when its upstream said
 * it stopped (Gemini does), because agents decide on this value whether to run tools.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
export function toOpenAiFinishReason(finishReason: FinishReason, hasToolCalls: boolean): OpenAiFinishReason {
  switch (finishReason.unified) {
    case 'length':
      return 'length';
    case 'content-filter':
      return 'content_filter';
    case 'tool-calls':
      return 'tool_calls';
    case 'stop':
    case 'error':
    case 'other':
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}
