import { toGatewayError } from '../../errors/gateway-error.js';
import { readOpenAiRequestMetadata } from '../../providers/openai/openai-request-metadata.js';
import type { StreamPart } from '../../spec/index.js';
import type { EncodeContext, StreamEncoder } from '../client-format.js';
import { completionId, nowInSeconds } from './completion-identity.js';
import { openAiChatErrors } from './encode-error.js';
import { toOpenAiChatUsage } from './encode-openai-chat-usage.js';
import { toOpenAiFinishReason } from './map-finish-reason.js';

/**
 * The gateway passes the decoded request along when it has it: its `providerMetadata.openai.
 * includeUsage` (the client's `stream_options.include_usage`) decides whether a usage chunk is sent.
 */
export type OpenAiChatEncodeContext = EncodeContext;

/**
 * Canonical stream parts as `chat.completion.chunk` events: a role chunk first, text as
 * `delta.content`, reasoning as `delta.reasoning_content`, each tool call under its own `index`
 * (id and name first, then argument fragments), a final chunk with `finish_reason`, then, only
 * when the client asked for it, the usage chunk with empty `choices`; `end()` writes `[DONE]`.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export function createOpenAiChatStreamEncoder(context: OpenAiChatEncodeContext): StreamEncoder {
  const includeUsage = readOpenAiRequestMetadata(context.request.providerMetadata).includeUsage === true;
  // OpenAI puts `usage: null` on every chunk of a stream that ends with a usage chunk.
  const usageField = includeUsage ? ',"usage":null' : '';
  let prefix: string | undefined;
  let started = false;
  let closed = false;
  let failed = false;
  /** Tool calls by id: their `index` and the argument text the client has so far. */
  const toolCalls = new Map<string, { index: number; sent: string }>();

  const chunkPrefix = (id?: string, created?: number): string =>
    (prefix ??= `data: {"id":${JSON.stringify(completionId(id, context.requestId))},"object":"chat.completion.chunk","created":${created ?? nowInSeconds()},"model":${JSON.stringify(context.model)},"choices":`);
  const chunk = (delta: string, finishReason: string | null = null): string =>
    `${chunkPrefix()}[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finishReason === null ? 'null' : `"${finishReason}"`}}]${usageField}}\n\n`;
  const start = (): string => {
    if (started) return '';
    started = true;
    return chunk('{"role":"assistant","content":"","refusal":null}');
  };
  const argumentsChunk = (index: number, fragment: string): string =>
    chunk(`{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(fragment)}}}]}`);
  const newToolCall = (id: string, name: string, input: string): string => {
    const index = toolCalls.size;
    toolCalls.set(id, { index, sent: input });
    const header = `{"index":${index},"id":${JSON.stringify(id)},"type":"function","function":{"name":${JSON.stringify(name)},"arguments":${JSON.stringify(input)}}}`;
    return start() + chunk(`{"tool_calls":[${header}]}`);
  };

  function encode(part: StreamPart): string {
    switch (part.type) {
      case 'response-metadata':
        chunkPrefix(part.id, part.created);
        return start();
      case 'text-start':
      case 'reasoning-start':
        return start();
      case 'text-delta':
        return part.delta === '' ? '' : start() + chunk(`{"content":${JSON.stringify(part.delta)}}`);
      case 'reasoning-delta':
        return part.delta === '' ? '' : start() + chunk(`{"reasoning_content":${JSON.stringify(part.delta)}}`);
      case 'text-end':
      case 'reasoning-end':
      case 'tool-input-end':
        return '';
      case 'tool-input-start':
        return newToolCall(part.id, part.toolName, '');
      case 'tool-input-delta': {
        const call = toolCalls.get(part.id);
        if (call === undefined || part.delta === '') return '';
        call.sent += part.delta;
        return argumentsChunk(call.index, part.delta);
      }
      case 'tool-call': {
        const call = toolCalls.get(part.toolCallId);
        if (call === undefined) return newToolCall(part.toolCallId, part.toolName, part.input);
        // The final input may extend what was streamed (Anthropic streams nothing for `{}`).
        if (part.input.length > call.sent.length && part.input.startsWith(call.sent)) {
          const rest = part.input.slice(call.sent.length);
          call.sent = part.input;
          return argumentsChunk(call.index, rest);
        }
        return '';
      }
      case 'finish': {
        let text = start() + chunk('{}', toOpenAiFinishReason(part.finishReason, toolCalls.size > 0));
        const usage = includeUsage ? toOpenAiChatUsage(part.usage) : undefined;
        if (usage) text += `${chunkPrefix()}[],"usage":${JSON.stringify(usage)}}\n\n`;
        return text;
      }
      case 'error':
        failed = true;
        return openAiChatErrors.streamErrorEvent(toGatewayError(part.error));
    }
  }

  return {
    contentType: 'text/event-stream; charset=utf-8',
    encode(part) {
      if (closed) return '';
      if (part.type === 'finish' || part.type === 'error') closed = true;
      return encode(part);
    },
    // A failed stream has had its error event; `[DONE]` would tell the client it succeeded.
    end: () => (failed ? '' : 'data: [DONE]\n\n'),
  };
}
