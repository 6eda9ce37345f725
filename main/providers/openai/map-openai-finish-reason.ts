import type { FinishReason } from '../../spec/index.js';

/**
 * OpenAI's `finish_reason` in neutral terms, the raw value kept. Some compatible servers say `stop`
 * after tool calls; an answer that ends in tool calls is reported as `tool-calls` whatever it said.
 */
export function mapOpenAiFinishReason(raw: string | null | undefined, hasToolCalls: boolean): FinishReason {
  const value = raw ?? undefined;
  switch (value) {
    case 'length':
      return { unified: 'length', raw: value };
    case 'content_filter':
      return { unified: 'content-filter', raw: value };
    case 'tool_calls':
    case 'function_call':
      return { unified: 'tool-calls', raw: value };
    case 'stop':
      return { unified: hasToolCalls ? 'tool-calls' : 'stop', raw: value };
    default:
      return { unified: hasToolCalls ? 'tool-calls' : 'other', raw: value };
  }
}
