import type { StreamPart } from '../../spec/index.js';
import type { StreamDecoder } from '../provider-adapter.js';
import { SseDecoder } from '../sse-decoder.js';
import { mapOpenAiFinishReason } from './map-openai-finish-reason.js';
import { mapOpenAiUsage } from './map-openai-usage.js';
import type { OpenAiChunk, OpenAiStreamToolCall, OpenAiUsage } from './openai-api.js';
import { isOpenAiChunk } from './is-openai-chunk.js';
import { inStreamError, malformedEvent, streamInterrupted, toolCallOutOfOrder } from './openai-stream-errors.js';
import { missingToolCallId } from './tool-call-id.js';

type OpenBlock =
  | { kind: 'text' | 'reasoning'; id: string }
  | { kind: 'tool'; index: number; id: string; name: string; input: string };

/**
 * `chat.completion.chunk` SSE to canonical parts, one block open at a time: reasoning, text and
 * each tool call (by `index`) start, grow and end in order, and a tool call ends with its whole
 * argument text. OpenAI sends `finish_reason` before the usage chunk, so `finish` waits for
 * `[DONE]` (or the end of the body); a body that ends without a `finish_reason` is an interrupted
 * stream.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export function createOpenAiStreamDecoder(): StreamDecoder {
  const sse = new SseDecoder();
  let sentMetadata = false;
  let open: OpenBlock | undefined;
  let blockCount = 0;
  let highestToolIndex = -1;
  let toolCallCount = 0;
  const endedToolIndexes = new Set<number>();
  let finishReason: string | undefined;
  let usage: OpenAiUsage | undefined;
  let done = false;

  function close(parts: StreamPart[]): void {
    if (open === undefined) return;
    if (open.kind === 'tool') {
      parts.push({ type: 'tool-input-end', id: open.id });
      parts.push({ type: 'tool-call', toolCallId: open.id, toolName: open.name, input: open.input });
      endedToolIndexes.add(open.index);
    } else parts.push({ type: open.kind === 'text' ? 'text-end' : 'reasoning-end', id: open.id });
    open = undefined;
  }

  function fail(parts: StreamPart[], error: unknown): void {
    // Open blocks stay open: ending a tool call here would hand out truncated arguments.
    parts.push({ type: 'error', error });
    done = true;
  }

  function finish(parts: StreamPart[]): void {
    close(parts);
    parts.push({ type: 'finish', finishReason: mapOpenAiFinishReason(finishReason, toolCallCount > 0), usage: mapOpenAiUsage(usage) });
    done = true;
  }

  function delta(parts: StreamPart[], kind: 'text' | 'reasoning', text: string): void {
    let block = open?.kind === kind ? open : undefined;
    if (block === undefined) {
      close(parts);
      block = { kind, id: `${kind}-${blockCount++}` };
      open = block;
      parts.push({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id: block.id });
    }
    parts.push({ type: kind === 'text' ? 'text-delta' : 'reasoning-delta', id: block.id, delta: text });
  }

  function toolDelta(parts: StreamPart[], call: OpenAiStreamToolCall): void {
    const current = open?.kind === 'tool' ? open : undefined;
    // OpenAI names the id on a call's first fragment only; a different id is always another call.
    const continues = current !== undefined && (call.index == null || call.index === current.index) && (!call.id || call.id === current.id);
    let target = continues ? current : undefined;
    if (target === undefined) {
      // Vendors that leave out `index` (or reuse it) send one call after another, each with its id.
      let index = call.index ?? highestToolIndex + 1;
      if (call.id && (index === current?.index || endedToolIndexes.has(index))) index = highestToolIndex + 1;
      else if (endedToolIndexes.has(index)) return fail(parts, toolCallOutOfOrder(index));
      close(parts);
      target = { kind: 'tool', index, id: call.id || missingToolCallId(), name: call.function?.name ?? '', input: '' };
      open = target;
      highestToolIndex = Math.max(highestToolIndex, index);
      toolCallCount += 1;
      parts.push({ type: 'tool-input-start', id: target.id, toolName: target.name });
    }
    const fragment = call.function?.arguments;
    if (fragment) {
      target.input += fragment;
      parts.push({ type: 'tool-input-delta', id: target.id, delta: fragment });
    }
  }

  function chunk(parts: StreamPart[], value: OpenAiChunk): void {
    if (!sentMetadata) {
      sentMetadata = true;
      // Azure opens with a chunk whose id and model are empty strings.
      parts.push({ type: 'response-metadata', id: value.id || undefined, modelId: value.model || undefined, created: value.created ?? undefined });
    }
    const choice = value.choices?.[0];
    const change = choice?.delta;
    if (change) {
      const reasoning = change.reasoning_content ?? change.reasoning;
      if (reasoning) delta(parts, 'reasoning', reasoning);
      if (change.content) delta(parts, 'text', change.content);
      if (change.refusal) delta(parts, 'text', change.refusal);
      for (const call of change.tool_calls ?? []) {
        toolDelta(parts, call);
        if (done) return;
      }
    }
    if (choice?.finish_reason) {
      finishReason = choice.finish_reason;
      close(parts);
    }
    if (value.usage) usage = value.usage;
  }

  function event(parts: StreamPart[], data: string): void {
    if (data === '[DONE]') return finish(parts);
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return fail(parts, malformedEvent(data));
    }
    if (json !== null && typeof json === 'object' && 'error' in json && (json as { error: unknown }).error != null) {
      return fail(parts, inStreamError((json as { error: unknown }).error));
    }
    if (!isOpenAiChunk(json)) return fail(parts, malformedEvent(data));
    chunk(parts, json);
  }

  function run(events: { data: string }[]): StreamPart[] {
    const parts: StreamPart[] = [];
    for (const { data } of events) {
      if (done) break;
      event(parts, data);
    }
    return parts;
  }

  return {
    push: (bytes) => (done ? [] : run(sse.push(bytes))),
    end() {
      if (done) return [];
      const parts = run(sse.end());
      if (done) return parts;
      // Not every compatible server sends `[DONE]`; a `finish_reason` is what says the answer is whole.
      if (finishReason !== undefined) finish(parts);
      else fail(parts, streamInterrupted());
      return parts;
    },
  };
}
