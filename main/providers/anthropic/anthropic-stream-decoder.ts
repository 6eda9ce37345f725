import { GatewayError } from '../../errors/gateway-error.js';
import type { StreamPart } from '../../spec/index.js';
import type { StreamDecoder } from '../provider-adapter.js';
import { SseDecoder, type SseEvent } from '../sse-decoder.js';
import {
  contentBlockDeltaEventSchema,
  contentBlockStartEventSchema,
  contentBlockStopEventSchema,
  messageDeltaEventSchema,
  messageStartEventSchema,
  type AnthropicContentBlock,
  type AnthropicUsage,
} from './anthropic-api.js';
import { anthropicStreamError } from './anthropic-error.js';
import { mapAnthropicStopReason, stopSequenceMetadata } from './map-anthropic-stop-reason.js';
import { mapAnthropicUsage, mergeAnthropicUsage } from './map-anthropic-usage.js';
import { anthropicThinking, type RememberedThinking } from './thinking-memory.js';

/** An open content block, by its Anthropic index. Text and reasoning ids are that index. */
type Block =
  | { kind: 'text'; id: string }
  | { kind: 'reasoning'; id: string; signature: string | undefined; redactedData: string | undefined; text: string }
  | { kind: 'tool'; id: string; toolName: string; input: string; startInput: unknown }
  | { kind: 'skipped' };

/**
 * Anthropic's SSE stream to canonical parts: `response-metadata` at `message_start`, one
 * start/delta/end lifecycle per content block, `tool-call` with the complete input after a tool
 * block stops, and `finish` exactly once at `message_stop` with usage from `message_start`
 * superseded by the cumulative `message_delta` figures. An `error` event, a malformed event, or a
 * body that ends before `message_stop` closes the open blocks and yields one `error` part in place
 * of `finish`; a tool call whose input was cut off is never emitted as a call.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 */
export function createAnthropicStreamDecoder(): StreamDecoder {
  const sse = new SseDecoder();
  const blocks = new Map<number, Block>();
  let usage: AnthropicUsage | undefined;
  let stopReason: string | null | undefined;
  let stopSequence: string | null | undefined;
  let state: 'open' | 'finished' | 'failed' = 'open';
  /** Signed thinking since the last tool call, remembered under the next call's id. */
  let thinking: RememberedThinking[] = [];

  function closeBlock(block: Block, parts: StreamPart[], complete: boolean): void {
    switch (block.kind) {
      case 'text':
        parts.push({ type: 'text-end', id: block.id });
        break;
      case 'reasoning':
        parts.push({
          type: 'reasoning-end',
          id: block.id,
          ...(block.signature !== undefined ? { signature: block.signature } : {}),
          ...(block.redactedData !== undefined ? { redactedData: block.redactedData } : {}),
        });
        if (block.redactedData !== undefined) thinking.push({ type: 'redacted_thinking', data: block.redactedData });
        else if (block.signature !== undefined) thinking.push({ type: 'thinking', thinking: block.text, signature: block.signature });
        break;
      case 'tool':
        if (complete && block.input === '') {
          // No input deltas: the input is the one in content_block_start; the deltas still add up to it.
          block.input = JSON.stringify(block.startInput ?? {});
          parts.push({ type: 'tool-input-delta', id: block.id, delta: block.input });
        }
        parts.push({ type: 'tool-input-end', id: block.id });
        if (complete) {
          parts.push({ type: 'tool-call', toolCallId: block.id, toolName: block.toolName, input: block.input });
          // For clients that cannot carry signed thinking back (thinking-memory.ts).
          if (thinking.length > 0) anthropicThinking.set(block.id, thinking);
          thinking = [];
        }
        break;
      case 'skipped':
        break;
    }
  }

  function fail(parts: StreamPart[], error: unknown): void {
    for (const block of blocks.values()) closeBlock(block, parts, false);
    blocks.clear();
    parts.push({ type: 'error', error });
    state = 'failed';
  }

  function malformed(parts: StreamPart[], detail: string): void {
    fail(parts, new GatewayError({ code: 'upstream_error', status: 502, message: `The upstream sent a malformed Anthropic stream event: ${detail}.` }));
  }

  function startBlock(index: number, block: AnthropicContentBlock, parts: StreamPart[]): void {
    const id = String(index);
    switch (block.type) {
      case 'text':
        blocks.set(index, { kind: 'text', id });
        parts.push({ type: 'text-start', id });
        if (block.text !== '') parts.push({ type: 'text-delta', id, delta: block.text });
        break;
      case 'thinking':
        blocks.set(index, { kind: 'reasoning', id, signature: block.signature || undefined, redactedData: undefined, text: block.thinking });
        parts.push({ type: 'reasoning-start', id });
        if (block.thinking !== '') parts.push({ type: 'reasoning-delta', id, delta: block.thinking });
        break;
      case 'redacted_thinking':
        blocks.set(index, { kind: 'reasoning', id, signature: undefined, redactedData: block.data, text: '' });
        parts.push({ type: 'reasoning-start', id });
        break;
      case 'tool_use':
        blocks.set(index, { kind: 'tool', id: block.id, toolName: block.name, input: '', startInput: block.input });
        parts.push({ type: 'tool-input-start', id: block.id, toolName: block.name });
        break;
      case 'other':
        blocks.set(index, { kind: 'skipped' });
        break;
    }
  }

  function handle(event: SseEvent, parts: StreamPart[]): void {
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return malformed(parts, 'not JSON');
    }
    const type = data !== null && typeof data === 'object' ? (data as { type?: unknown }).type : undefined;
    switch (type) {
      case 'message_start': {
        const parsed = messageStartEventSchema.safeParse(data);
        if (!parsed.success) return malformed(parts, 'message_start');
        const { message } = parsed.data;
        usage = message.usage ?? undefined;
        parts.push({ type: 'response-metadata', id: message.id ?? undefined, modelId: message.model ?? undefined, created: undefined });
        return;
      }
      case 'content_block_start': {
        const parsed = contentBlockStartEventSchema.safeParse(data);
        if (!parsed.success) return malformed(parts, 'content_block_start');
        return startBlock(parsed.data.index, parsed.data.content_block, parts);
      }
      case 'content_block_delta': {
        const parsed = contentBlockDeltaEventSchema.safeParse(data);
        if (!parsed.success) return malformed(parts, 'content_block_delta');
        const block = blocks.get(parsed.data.index);
        const delta = parsed.data.delta;
        if (block === undefined) return;
        if (block.kind === 'text' && delta.type === 'text_delta') {
          if (delta.text !== '') parts.push({ type: 'text-delta', id: block.id, delta: delta.text });
        } else if (block.kind === 'reasoning' && delta.type === 'thinking_delta') {
          if (delta.thinking !== '') parts.push({ type: 'reasoning-delta', id: block.id, delta: delta.thinking });
          block.text += delta.thinking;
        } else if (block.kind === 'reasoning' && delta.type === 'signature_delta') {
          block.signature = delta.signature;
        } else if (block.kind === 'tool' && delta.type === 'input_json_delta' && delta.partial_json !== '') {
          block.input += delta.partial_json;
          parts.push({ type: 'tool-input-delta', id: block.id, delta: delta.partial_json });
        }
        return;
      }
      case 'content_block_stop': {
        const parsed = contentBlockStopEventSchema.safeParse(data);
        if (!parsed.success) return malformed(parts, 'content_block_stop');
        const block = blocks.get(parsed.data.index);
        if (block === undefined) return;
        blocks.delete(parsed.data.index);
        return closeBlock(block, parts, true);
      }
      case 'message_delta': {
        const parsed = messageDeltaEventSchema.safeParse(data);
        if (!parsed.success) return malformed(parts, 'message_delta');
        stopReason = parsed.data.delta.stop_reason ?? stopReason;
        stopSequence = parsed.data.delta.stop_sequence ?? stopSequence;
        usage = mergeAnthropicUsage(usage, parsed.data.usage);
        return;
      }
      case 'message_stop': {
        for (const block of blocks.values()) closeBlock(block, parts, true);
        blocks.clear();
        const providerMetadata = stopSequenceMetadata(stopSequence);
        parts.push({
          type: 'finish',
          finishReason: mapAnthropicStopReason(stopReason),
          usage: mapAnthropicUsage(usage),
          ...(providerMetadata !== undefined ? { providerMetadata } : {}),
        });
        state = 'finished';
        return;
      }
      case 'error':
        return fail(parts, anthropicStreamError(data));
      default:
        // `ping`, and event types Anthropic may add: the docs ask clients to ignore unknown ones.
        return;
    }
  }

  function run(events: SseEvent[]): StreamPart[] {
    const parts: StreamPart[] = [];
    for (const event of events) {
      if (state !== 'open') break;
      handle(event, parts);
    }
    return parts;
  }

  return {
    push(chunk) {
      return state === 'open' ? run(sse.push(chunk)) : [];
    },
    end() {
      if (state !== 'open') return [];
      const parts = run(sse.end());
      if (state === 'open') {
        fail(
          parts,
          new GatewayError({ code: 'stream_interrupted', status: 502, message: 'The upstream stream ended before Anthropic finished the message.' }),
        );
      }
      return parts;
    },
  };
}
