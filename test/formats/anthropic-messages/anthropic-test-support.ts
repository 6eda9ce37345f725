import assert from 'node:assert/strict';
import type { StreamPart, Usage } from '../../../main/spec/index.js';
import { anthropicMessagesFormat } from '../../../main/formats/anthropic-messages/anthropic-messages-format.js';
import { chatRequest } from '../../support/chat-request.js';

export const context = { model: 'claude-sonnet-4-5', requestId: 'req_test', request: chatRequest({ model: 'claude-sonnet-4-5' }) };

export function usage(figures: Partial<Usage>): Usage {
  return { inputTokens: undefined, outputTokens: undefined, cachedInputTokens: undefined, cacheWriteInputTokens: undefined, reasoningTokens: undefined, ...figures };
}

/** Everything one encoder writes for these parts, `end()` included. */
export function encodeStream(parts: StreamPart[]): string {
  const encoder = anthropicMessagesFormat.createStreamEncoder(context);
  return parts.map((part) => encoder.encode(part)).join('') + encoder.end();
}

export interface WireEvent {
  event: string;
  data: Record<string, unknown>;
}

/**
 * Parses an Anthropic stream strictly: every event is exactly an `event:` line naming the data's
 * `type` and one `data:` line of JSON, followed by a blank line.
 */
export function parseEvents(text: string): WireEvent[] {
  assert.ok(text === '' || text.endsWith('\n\n'), 'the stream ends with a complete event');
  return text
    .split('\n\n')
    .slice(0, -1)
    .map((chunk) => {
      const match = /^event: ([a-z_]+)\ndata: (\{.*\})$/.exec(chunk);
      assert.ok(match, `well-formed event: ${JSON.stringify(chunk)}`);
      const data = JSON.parse(match[2]!) as Record<string, unknown>;
      assert.equal(data.type, match[1], 'the event name equals the data type');
      return { event: match[1]!, data };
    });
}

/** A compact view of a stream for exact assertions: `content_block_delta 1 text_delta`. */
export function outline(events: WireEvent[]): string[] {
  return events.map(({ event, data }) => {
    if (event === 'content_block_start') return `${event} ${String(data.index)} ${(data.content_block as { type: string }).type}`;
    if (event === 'content_block_delta') return `${event} ${String(data.index)} ${(data.delta as { type: string }).type}`;
    if (event === 'content_block_stop') return `${event} ${String(data.index)}`;
    return event;
  });
}
