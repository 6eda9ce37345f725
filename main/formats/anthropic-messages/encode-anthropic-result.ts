import type { GenerateResult } from '../../spec/index.js';
import type { EncodeContext } from '../client-format.js';
import type { AnthropicContentBlock, AnthropicMessageBody } from './anthropic-response.js';
import { encodeUsage } from './encode-usage.js';
import { mapFinishReason, matchedStopSequence } from './map-finish-reason.js';
import { messageId } from './message-id.js';
import { parseToolInput } from './tool-input.js';

/**
 * A whole answer as Anthropic's `message` object, reporting the model name the client asked for.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function encodeAnthropicResult(result: GenerateResult, context: EncodeContext): AnthropicMessageBody {
  const stopReason = mapFinishReason(result.finishReason);
  return {
    id: messageId(result.response.id),
    type: 'message',
    role: 'assistant',
    model: context.model,
    content: result.content.flatMap(encodeBlock),
    stop_reason: stopReason,
    stop_sequence: matchedStopSequence(stopReason, result.providerMetadata),
    usage: encodeUsage(result.usage),
  };
}

function encodeBlock(part: GenerateResult['content'][number]): AnthropicContentBlock[] {
  switch (part.type) {
    case 'text':
      // Anthropic rejects empty text blocks when a client sends the turn back, so none goes out.
      return part.text === '' ? [] : [{ type: 'text', text: part.text }];
    case 'reasoning':
      if (part.redactedData) return [{ type: 'redacted_thinking', data: part.redactedData }];
      if (part.text === '' && !part.signature) return [];
      // Reasoning from upstreams that do not sign it gets an empty signature: the field is required,
      // and the decoder reads an empty one back as "none".
      return [{ type: 'thinking', thinking: part.text, signature: part.signature ?? '' }];
    case 'tool-call':
      return [{ type: 'tool_use', id: part.toolCallId, name: part.toolName, input: parseToolInput(part.input).input }];
  }
}
