import { toGatewayError } from '../../errors/gateway-error.js';
import type { StreamPart } from '../../spec/index.js';
import type { EncodeContext, StreamEncoder } from '../client-format.js';
import { failureCode } from './encode-error.js';
import { functionCallItem, itemId, messageItem, outputText, reasoningItem, type OutputItem } from './encode-output-items.js';
import { nowInSeconds, responseEnvelope, responseIdFor, statusFor, toResponsesUsage } from './response-object.js';
import { readReasoningItem } from './responses-metadata.js';

type OpenItem =
  | { kind: 'text'; itemId: string; outputIndex: number; text: string }
  | { kind: 'reasoning'; itemId: string; outputIndex: number; text: string; encryptedContent: string | undefined }
  | { kind: 'tool'; itemId: string; outputIndex: number; callId: string; name: string; input: string };

/**
 * Canonical parts as the Responses event stream: `response.created` and `response.in_progress`,
 * then for each block `output_item.added`, its content events and `output_item.done`, and last
 * `response.completed` (or `response.incomplete` / `response.failed`), each event named after its
 * `type` and numbered by a `sequence_number` that grows by one. No `[DONE]`.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export function createResponsesStreamEncoder(context: EncodeContext): StreamEncoder {
  const responseId = responseIdFor(context.requestId);
  let sequence = 0;
  let createdAt: number | undefined;
  let closed = false;
  const output: OutputItem[] = [];
  const open = new Map<string, OpenItem>();

  const event = (type: string, fields: Record<string, unknown>): string =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...fields, sequence_number: sequence++ })}\n\n`;
  const envelope = (): Record<string, unknown> => responseEnvelope(context, createdAt ?? nowInSeconds());
  const start = (created?: number): string => {
    if (createdAt !== undefined) return '';
    createdAt = created ?? nowInSeconds();
    const response = envelope();
    return event('response.created', { response }) + event('response.in_progress', { response });
  };
  const addItem = (item: OutputItem, state: OpenItem, key: string): string => {
    open.set(key, state);
    output.push(item);
    return event('response.output_item.added', { output_index: state.outputIndex, item });
  };
  const doneItem = (key: string, item: OutputItem, state: OpenItem): string => {
    open.delete(key);
    output[state.outputIndex] = item;
    return event('response.output_item.done', { output_index: state.outputIndex, item });
  };
  const ids = (state: OpenItem): Record<string, unknown> => ({ item_id: state.itemId, output_index: state.outputIndex });

  function endText(key: string, state: Extract<OpenItem, { kind: 'text' }>): string {
    const part = outputText(state.text);
    return (
      event('response.output_text.done', { ...ids(state), content_index: 0, text: state.text, logprobs: [] }) +
      event('response.content_part.done', { ...ids(state), content_index: 0, part }) +
      doneItem(key, messageItem(state.itemId, state.text, 'completed'), state)
    );
  }

  function endReasoning(key: string, state: Extract<OpenItem, { kind: 'reasoning' }>): string {
    let text = '';
    if (state.text !== '') {
      text += event('response.reasoning_summary_text.done', { ...ids(state), summary_index: 0, text: state.text });
      text += event('response.reasoning_summary_part.done', { ...ids(state), summary_index: 0, part: { type: 'summary_text', text: state.text } });
    }
    return text + doneItem(key, reasoningItem(state.itemId, state.text, state.encryptedContent), state);
  }

  function startTool(callId: string, name: string): string {
    const state: OpenItem = { kind: 'tool', itemId: itemId('fc', responseId, output.length), outputIndex: output.length, callId, name, input: '' };
    return addItem(functionCallItem(state.itemId, callId, name, '', 'in_progress'), state, callId);
  }

  function endTool(state: Extract<OpenItem, { kind: 'tool' }>, input: string): string {
    // The whole call may carry more than was streamed (Anthropic streams nothing for `{}`).
    let text = '';
    if (input.length > state.input.length && input.startsWith(state.input)) {
      text += event('response.function_call_arguments.delta', { ...ids(state), delta: input.slice(state.input.length) });
    }
    text += event('response.function_call_arguments.done', { ...ids(state), name: state.name, arguments: input });
    return text + doneItem(state.callId, functionCallItem(state.itemId, state.callId, state.name, input, 'completed'), state);
  }

  function closeAll(): string {
    let text = '';
    for (const [key, state] of [...open]) {
      if (state.kind === 'text') text += endText(key, state);
      else if (state.kind === 'reasoning') text += endReasoning(key, state);
      else text += endTool(state, state.input);
    }
    return text;
  }

  function encode(part: StreamPart): string {
    switch (part.type) {
      case 'response-metadata':
        return start(part.created);
      case 'text-start': {
        const state: OpenItem = { kind: 'text', itemId: itemId('msg', responseId, output.length), outputIndex: output.length, text: '' };
        return (
          start() +
          addItem(messageItem(state.itemId, '', 'in_progress'), state, part.id) +
          event('response.content_part.added', { ...ids(state), content_index: 0, part: outputText('') })
        );
      }
      case 'text-delta': {
        const state = open.get(part.id);
        if (state?.kind !== 'text' || part.delta === '') return '';
        state.text += part.delta;
        return event('response.output_text.delta', { ...ids(state), content_index: 0, delta: part.delta, logprobs: [] });
      }
      case 'text-end': {
        const state = open.get(part.id);
        return state?.kind === 'text' ? endText(part.id, state) : '';
      }
      case 'reasoning-start': {
        const stored = readReasoningItem(part.providerMetadata);
        const state: OpenItem = { kind: 'reasoning', itemId: stored.itemId ?? itemId('rs', responseId, output.length), outputIndex: output.length, text: '', encryptedContent: stored.encryptedContent };
        return start() + addItem(reasoningItem(state.itemId, '', undefined), state, part.id);
      }
      case 'reasoning-delta': {
        const state = open.get(part.id);
        if (state?.kind !== 'reasoning' || part.delta === '') return '';
        let text = '';
        if (state.text === '') text += event('response.reasoning_summary_part.added', { ...ids(state), summary_index: 0, part: { type: 'summary_text', text: '' } });
        state.text += part.delta;
        return text + event('response.reasoning_summary_text.delta', { ...ids(state), summary_index: 0, delta: part.delta });
      }
      case 'reasoning-end': {
        const state = open.get(part.id);
        if (state?.kind !== 'reasoning') return '';
        state.encryptedContent = readReasoningItem(part.providerMetadata).encryptedContent ?? state.encryptedContent;
        return endReasoning(part.id, state);
      }
      case 'tool-input-start':
        return start() + startTool(part.id, part.toolName);
      case 'tool-input-delta': {
        const state = open.get(part.id);
        if (state?.kind !== 'tool' || part.delta === '') return '';
        state.input += part.delta;
        return event('response.function_call_arguments.delta', { ...ids(state), delta: part.delta });
      }
      case 'tool-input-end':
        return '';
      case 'tool-call': {
        let text = start();
        if (!open.has(part.toolCallId)) text += startTool(part.toolCallId, part.toolName);
        const state = open.get(part.toolCallId);
        return state?.kind === 'tool' ? text + endTool(state, part.input) : text;
      }
      case 'finish': {
        let text = start() + closeAll();
        const { status, incomplete_details } = statusFor(part.finishReason);
        const response = { ...envelope(), status, incomplete_details, output, usage: toResponsesUsage(part.usage) ?? null };
        text += event(status === 'completed' ? 'response.completed' : 'response.incomplete', { response });
        return text;
      }
      case 'error': {
        const error = toGatewayError(part.error);
        // Open items stay as they were: closing them would present a cut answer as whole.
        const response = { ...envelope(), status: 'failed', error: { code: failureCode(error), message: error.message }, output };
        return start() + event('response.failed', { response });
      }
    }
  }

  return {
    contentType: 'text/event-stream; charset=utf-8',
    encode(part) {
      if (closed) return '';
      if (part.type === 'finish' || part.type === 'error') closed = true;
      return encode(part);
    },
    end: () => '',
  };
}
