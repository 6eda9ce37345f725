import { GatewayError, upstreamErrorCode, UpstreamHttpError } from '../../errors/gateway-error.js';
import { reasoningItemMetadata } from '../../formats/openai-responses/responses-metadata.js';
import type { StreamPart } from '../../spec/index.js';
import { redactSecrets } from '../../util/redact.js';
import { streamInterrupted } from '../openai/openai-stream-errors.js';
import type { StreamDecoder } from '../provider-adapter.js';
import { redactDeep } from '../redact-upstream-body.js';
import { SseDecoder } from '../sse-decoder.js';
import type { InBandErrorMark } from '../stream-usage-sniffer.js';
import { mapResponsesFinish, mapResponsesUsage, outputItemSchema, responseObjectSchema } from './responses-api.js';
import { responsesReasoning, type RememberedReasoning } from './reasoning-memory.js';

type Open = { kind: 'text'; id: string } | { kind: 'reasoning'; id: string; summaryIndex: number } | { kind: 'tool'; callId: string; name: string; input: string };

/**
 * Responses SSE events to canonical parts. Each output item opens a block (text per message
 * content part, reasoning per reasoning item, a tool call per `function_call`) and
 * `output_item.done` closes it with what only the end knows (arguments, `encrypted_content`).
 * `finish` comes once, from `response.completed` or `response.incomplete`; `response.failed`
 * and `error` become an `error` part, and a body that ends before any of them is interrupted.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export function createResponsesStreamDecoder(): StreamDecoder {
  const sse = new SseDecoder();
  const open = new Map<string, Open>();
  let textCount = 0;
  let toolCalls = 0;
  let done = false;
  /** Reasoning items since the last function call: remembered under the next call's id (reasoning-memory.ts). */
  let reasoningBeforeCall: RememberedReasoning[] = [];

  const fail = (parts: StreamPart[], error: unknown): void => {
    parts.push({ type: 'error', error });
    done = true;
  };

  function closeText(parts: StreamPart[], key: string): void {
    const block = open.get(key);
    if (block?.kind !== 'text') return;
    open.delete(key);
    parts.push({ type: 'text-end', id: block.id });
  }

  function reasoningBlock(parts: StreamPart[], itemId: string): Extract<Open, { kind: 'reasoning' }> {
    const block = open.get(itemId);
    if (block?.kind === 'reasoning') return block;
    const created: Open = { kind: 'reasoning', id: itemId, summaryIndex: -1 };
    open.set(itemId, created);
    parts.push({ type: 'reasoning-start', id: itemId });
    return created;
  }

  function event(parts: StreamPart[], data: Record<string, unknown>): void {
    const type = data.type;
    const itemId = typeof data.item_id === 'string' ? data.item_id : '';
    const delta = typeof data.delta === 'string' ? data.delta : '';
    switch (type) {
      case 'response.created': {
        const response = responseObjectSchema.safeParse(data.response);
        const value = response.success ? response.data : undefined;
        parts.push({ type: 'response-metadata', id: value?.id ?? undefined, modelId: value?.model ?? undefined, created: value?.created_at ?? undefined });
        return;
      }
      case 'response.output_item.added': {
        const item = outputItemSchema.safeParse(data.item);
        if (!item.success) return;
        if (item.data.type === 'function_call' && item.data.id) {
          const callId = item.data.call_id ?? '';
          open.set(item.data.id, { kind: 'tool', callId, name: item.data.name ?? '', input: '' });
          toolCalls += 1;
          parts.push({ type: 'tool-input-start', id: callId, toolName: item.data.name ?? '' });
        } else if (item.data.type === 'reasoning' && item.data.id) reasoningBlock(parts, item.data.id);
        return;
      }
      case 'response.output_text.delta':
      case 'response.refusal.delta': {
        const key = `${itemId}:${String(data.content_index ?? 0)}`;
        let block = open.get(key);
        if (block?.kind !== 'text') {
          block = { kind: 'text', id: `text-${textCount++}` };
          open.set(key, block);
          parts.push({ type: 'text-start', id: block.id });
        }
        if (delta !== '') parts.push({ type: 'text-delta', id: block.id, delta });
        return;
      }
      case 'response.content_part.done':
        return closeText(parts, `${itemId}:${String(data.content_index ?? 0)}`);
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta': {
        const block = reasoningBlock(parts, itemId);
        const index = typeof data.summary_index === 'number' ? data.summary_index : (typeof data.content_index === 'number' ? data.content_index : 0);
        // Summary parts are paragraphs: separated as the non-streamed decoder joins them.
        const separator = block.summaryIndex >= 0 && index !== block.summaryIndex ? '\n\n' : '';
        block.summaryIndex = index;
        if (separator + delta !== '') parts.push({ type: 'reasoning-delta', id: itemId, delta: separator + delta });
        return;
      }
      case 'response.function_call_arguments.delta': {
        const block = open.get(itemId);
        if (block?.kind !== 'tool' || delta === '') return;
        block.input += delta;
        parts.push({ type: 'tool-input-delta', id: block.callId, delta });
        return;
      }
      case 'response.output_item.done': {
        const item = outputItemSchema.safeParse(data.item);
        if (!item.success) return;
        const id = item.data.id ?? '';
        if (item.data.type === 'message') {
          for (const key of [...open.keys()]) if (key.startsWith(`${id}:`)) closeText(parts, key);
        } else if (item.data.type === 'function_call') {
          const block = open.get(id);
          const callId = item.data.call_id ?? (block?.kind === 'tool' ? block.callId : '');
          const name = item.data.name ?? (block?.kind === 'tool' ? block.name : '');
          if (block?.kind !== 'tool') {
            toolCalls += 1;
            parts.push({ type: 'tool-input-start', id: callId, toolName: name });
          }
          open.delete(id);
          parts.push({ type: 'tool-input-end', id: callId });
          parts.push({ type: 'tool-call', toolCallId: callId, toolName: name, input: item.data.arguments ?? (block?.kind === 'tool' ? block.input : ''), providerMetadata: { 'openai-responses': { itemId: id } } });
          if (reasoningBeforeCall.length > 0) {
            if (callId) responsesReasoning.set(callId, reasoningBeforeCall);
            reasoningBeforeCall = [];
          }
        } else if (item.data.type === 'reasoning') {
          reasoningBlock(parts, id);
          open.delete(id);
          const metadata = reasoningItemMetadata(id || undefined, item.data.encrypted_content ?? undefined);
          parts.push({ type: 'reasoning-end', id, ...(metadata ? { providerMetadata: metadata } : {}) });
          if (item.data.encrypted_content) reasoningBeforeCall.push({ id: id || undefined, encryptedContent: item.data.encrypted_content });
        }
        return;
      }
      case 'response.completed':
      case 'response.incomplete': {
        const response = responseObjectSchema.safeParse(data.response);
        const value = response.success ? response.data : { status: type === 'response.completed' ? 'completed' : 'incomplete' };
        for (const key of [...open.keys()]) closeText(parts, key);
        parts.push({ type: 'finish', finishReason: mapResponsesFinish(value, toolCalls > 0), usage: mapResponsesUsage(response.success ? response.data.usage : undefined) });
        done = true;
        return;
      }
      case 'response.failed':
      case 'error':
        return fail(parts, upstreamFailure(data));
      default:
        // response.in_progress, content_part.added, *.done duplicates, hosted tool progress: nothing new.
        return;
    }
  }

  function run(events: { data: string }[]): StreamPart[] {
    const parts: StreamPart[] = [];
    for (const { data } of events) {
      if (done) break;
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        fail(parts, new GatewayError({ code: 'upstream_error', status: 502, message: `The provider sent a stream event that is not JSON: ${redactSecrets(data.slice(0, 200))}` }));
        break;
      }
      if (json !== null && typeof json === 'object') event(parts, json as Record<string, unknown>);
    }
    return parts;
  }

  return {
    push: (bytes) => (done ? [] : run(sse.push(bytes))),
    end() {
      if (done) return [];
      const parts = run(sse.end());
      if (!done) fail(parts, streamInterrupted());
      return parts;
    },
  };
}

/** The `error` and `response.failed` events of a passed-through stream, for the usage sniffer. */
export const responsesErrorEvent: InBandErrorMark = { key: 'type', values: ['"error"', '"response.failed"'], read: (event) => upstreamFailure(event) };

/** A `response.failed` or `error` event as an UpstreamHttpError that keeps the (redacted) error. */
function upstreamFailure(data: Record<string, unknown>): UpstreamHttpError {
  const source = data.type === 'error' ? data : ((data.response as { error?: unknown } | undefined)?.error ?? {});
  const error = redactDeep(source) as { code?: unknown; message?: unknown };
  const code = typeof error.code === 'string' ? error.code : null;
  const status = code === 'rate_limit_exceeded' ? 429 : 502;
  return new UpstreamHttpError({
    code: upstreamErrorCode(status),
    status,
    message: typeof error.message === 'string' ? error.message : 'The provider reported that the response failed.',
    upstreamBody: { error: { message: error.message ?? null, type: status === 429 ? 'rate_limit_error' : 'server_error', code } },
  });
}
