import { toGatewayError } from '../../errors/gateway-error.js';
import type { StreamPart } from '../../spec/index.js';
import type { EncodeContext, StreamEncoder } from '../client-format.js';
import type { AnthropicBlockDelta, AnthropicContentBlock, AnthropicMessageBody } from './anthropic-response.js';
import { anthropicMessagesErrors } from './encode-error.js';
import { encodeDeltaUsage } from './encode-usage.js';
import { mapFinishReason, matchedStopSequence } from './map-finish-reason.js';
import { messageId } from './message-id.js';
import { sseEvent } from './sse-event.js';
import { parseToolInput } from './tool-input.js';

type BlockPart = Exclude<StreamPart, { type: 'response-metadata' | 'finish' | 'error' }>;

interface OpenBlock {
  /** The canonical block id (the tool call id for tools). */
  id: string;
  kind: 'text' | 'reasoning' | 'tool';
  /**
   * The Anthropic `index`, once its `content_block_start` is written. Text and reasoning blocks
   * start lazily: an empty text block must not reach the client, and whether reasoning is
   * `thinking` or `redacted_thinking` is only known at its end when it has no deltas.
   */
  index: number | undefined;
}

/**
 * Canonical parts as Anthropic's event stream: `message_start`, `ping`, then per block
 * `content_block_start` / `content_block_delta`... / `content_block_stop` with increasing indexes,
 * then `message_delta` and `message_stop`. Never a `data: [DONE]`.
 *
 * Anthropic streams one block at a time and the SDKs rely on it (they apply deltas to the last
 * block), so when an upstream interleaves blocks, parts of the others wait, in order, until the
 * open one ends.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export class AnthropicStreamEncoder implements StreamEncoder {
  readonly contentType = 'text/event-stream; charset=utf-8';
  private state: 'new' | 'streaming' | 'done' = 'new';
  private upstreamId: string | undefined;
  private nextIndex = 0;
  private open: OpenBlock | undefined;
  private readonly waiting = new Map<string, BlockPart[]>();
  /** Tools whose input streamed as `tool-input-*`: their closing `tool-call` adds nothing. */
  private readonly streamedTools = new Set<string>();

  constructor(private readonly context: EncodeContext) {}

  encode(part: StreamPart): string {
    if (this.state === 'done') return '';
    switch (part.type) {
      case 'response-metadata':
        if (this.state === 'new') this.upstreamId = part.id ?? this.upstreamId;
        return '';
      case 'error':
        // Anthropic ends a failed stream with the error event alone: no open block is closed.
        this.state = 'done';
        return anthropicMessagesErrors.streamErrorEvent(toGatewayError(part.error));
      case 'finish': {
        const text = this.start() + this.closeAll();
        this.state = 'done';
        const stopReason = mapFinishReason(part.finishReason);
        return (
          text +
          sseEvent({
            type: 'message_delta',
            delta: { stop_reason: stopReason, stop_sequence: matchedStopSequence(stopReason, part.providerMetadata) },
            usage: encodeDeltaUsage(part.usage),
          }) +
          sseEvent({ type: 'message_stop' })
        );
      }
      default:
        return this.start() + this.route(part);
    }
  }

  end(): string {
    return '';
  }

  private start(): string {
    if (this.state !== 'new') return '';
    this.state = 'streaming';
    const message: AnthropicMessageBody = {
      id: messageId(this.upstreamId),
      type: 'message',
      role: 'assistant',
      model: this.context.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      // Canonical usage only arrives with `finish`, reported in `message_delta`. Anthropic's schema
      // requires numbers for input and output tokens here, hence 0 until then.
      usage: { input_tokens: 0, cache_creation_input_tokens: null, cache_read_input_tokens: null, output_tokens: 0 },
    };
    return sseEvent({ type: 'message_start', message }) + sseEvent({ type: 'ping' });
  }

  private route(part: BlockPart): string {
    const id = part.type === 'tool-call' ? part.toolCallId : part.id;
    if (this.open !== undefined && this.open.id !== id) {
      const queue = this.waiting.get(id);
      if (queue) queue.push(part);
      else this.waiting.set(id, [part]);
      return '';
    }
    return this.apply(part) + this.drain();
  }

  /** Once no block is open, the blocks that waited run in the order they first appeared. */
  private drain(): string {
    let text = '';
    for (const [id, parts] of this.waiting) {
      if (this.open !== undefined) break;
      this.waiting.delete(id);
      for (const part of parts) text += this.apply(part);
    }
    return text;
  }

  private apply(part: BlockPart): string {
    switch (part.type) {
      case 'text-start':
        this.open = { id: part.id, kind: 'text', index: undefined };
        return '';
      case 'text-delta':
        if (part.delta === '') return '';
        return this.startLazily(part.id, 'text') + this.delta({ type: 'text_delta', text: part.delta });
      case 'reasoning-start':
        this.open = { id: part.id, kind: 'reasoning', index: undefined };
        return '';
      case 'reasoning-delta':
        if (part.delta === '') return '';
        return this.startLazily(part.id, 'reasoning') + this.delta({ type: 'thinking_delta', thinking: part.delta });
      case 'reasoning-end':
        return this.endReasoning(part.id, part.signature, part.redactedData);
      case 'tool-input-start': {
        const index = this.nextIndex++;
        this.streamedTools.add(part.id);
        this.open = { id: part.id, kind: 'tool', index };
        return this.blockStart(index, { type: 'tool_use', id: part.id, name: part.toolName, input: {} });
      }
      case 'tool-input-delta':
        // A delta for a tool that never started has no name to announce it with: nothing to say.
        if (this.open?.id !== part.id || part.delta === '') return '';
        return this.delta({ type: 'input_json_delta', partial_json: part.delta });
      case 'text-end':
      case 'tool-input-end':
        return this.closeBlock(part.id);
      case 'tool-call':
        return this.streamedTools.has(part.toolCallId) ? '' : this.wholeToolBlock(part);
    }
  }

  private startLazily(id: string, kind: 'text' | 'reasoning'): string {
    // A delta whose start never came opens its block itself.
    if (this.open?.id !== id) this.open = { id, kind, index: undefined };
    if (this.open.index !== undefined) return '';
    this.open.index = this.nextIndex++;
    return this.blockStart(this.open.index, kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' });
  }

  private endReasoning(id: string, signature: string | undefined, redactedData: string | undefined): string {
    const index = this.open?.id === id ? this.open.index : undefined;
    this.open = undefined;
    if (index !== undefined) {
      // The signature comes last, just before the block stops, as Anthropic sends it.
      return (signature ? this.delta({ type: 'signature_delta', signature }, index) : '') + this.blockStop(index);
    }
    if (redactedData) return this.wholeBlock({ type: 'redacted_thinking', data: redactedData });
    // A signed block without text (thinking display "omitted") still has to be replayable.
    if (!signature) return '';
    const start = this.nextIndex++;
    return (
      this.blockStart(start, { type: 'thinking', thinking: '', signature: '' }) +
      this.delta({ type: 'signature_delta', signature }, start) +
      this.blockStop(start)
    );
  }

  /** A tool call whose input was never streamed: the block in one go, as Anthropic would stream it. */
  private wholeToolBlock(part: Extract<BlockPart, { type: 'tool-call' }>): string {
    const index = this.nextIndex++;
    const { input, valid } = parseToolInput(part.input);
    // Valid input goes out as the upstream wrote it; broken input stays `{}` (see parseToolInput).
    const json = valid && Object.keys(input).length > 0 ? part.input : '';
    return (
      this.blockStart(index, { type: 'tool_use', id: part.toolCallId, name: part.toolName, input: {} }) +
      (json ? this.delta({ type: 'input_json_delta', partial_json: json }, index) : '') +
      this.blockStop(index)
    );
  }

  private closeBlock(id: string): string {
    if (this.open?.id !== id) return '';
    const index = this.open.index;
    this.open = undefined;
    return index === undefined ? '' : this.blockStop(index);
  }

  /** At `finish`: the open block ends, then every block that waited, each closed in turn. */
  private closeAll(): string {
    let text = this.closeOpen();
    for (const [id, parts] of this.waiting) {
      this.waiting.delete(id);
      for (const part of parts) text += this.apply(part);
      text += this.closeOpen();
    }
    return text;
  }

  private closeOpen(): string {
    if (this.open === undefined) return '';
    return this.open.kind === 'reasoning' ? this.endReasoning(this.open.id, undefined, undefined) : this.closeBlock(this.open.id);
  }

  private wholeBlock(block: AnthropicContentBlock): string {
    const index = this.nextIndex++;
    return this.blockStart(index, block) + this.blockStop(index);
  }

  private blockStart(index: number, block: AnthropicContentBlock): string {
    return sseEvent({ type: 'content_block_start', index, content_block: block });
  }

  /** A delta for the open block by default; its index is known once its start was written. */
  private delta(delta: AnthropicBlockDelta, index = this.open?.index): string {
    if (index === undefined) throw new Error('Anthropic stream encoder: a delta for a block that has not started');
    return sseEvent({ type: 'content_block_delta', index, delta });
  }

  private blockStop(index: number): string {
    return sseEvent({ type: 'content_block_stop', index });
  }
}
