import type { StreamPart } from '../../spec/index.js';
import type { StreamDecoder } from '../provider-adapter.js';
import { createdSeconds } from './decode-ollama-result.js';
import { mapOllamaDoneReason } from './map-ollama-done-reason.js';
import { mapOllamaUsage } from './map-ollama-usage.js';
import { ollamaChatChunkSchema, type OllamaChatChunk } from './ollama-api.js';
import { malformedLine, ollamaInStreamError, ollamaStreamInterrupted } from './ollama-stream-errors.js';
import { answerToolCallId } from './ollama-tool-call-id.js';
import { toolInputText } from './ollama-tool-input.js';
import { NdjsonDecoder } from './ndjson-decoder.js';

/**
 * Ollama's NDJSON `/api/chat` stream to canonical parts. Thinking and text deltas open a block of
 * their kind (closing the other); a tool call arrives whole, so it is emitted start, one input
 * delta, end and call at once. `finish` comes exactly once, at the `done: true` line, with its
 * counts; a body that ends without one is an interrupted stream.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#response-9
 */
export function createOllamaStreamDecoder(): StreamDecoder {
  const ndjson = new NdjsonDecoder();
  let sentMetadata = false;
  let open: { kind: 'text' | 'reasoning'; id: string } | undefined;
  let blockCount = 0;
  let toolCallCount = 0;
  let done = false;

  function close(parts: StreamPart[]): void {
    if (open === undefined) return;
    parts.push({ type: open.kind === 'text' ? 'text-end' : 'reasoning-end', id: open.id });
    open = undefined;
  }

  function delta(parts: StreamPart[], kind: 'text' | 'reasoning', text: string): void {
    if (open?.kind !== kind) {
      close(parts);
      open = { kind, id: `${kind}-${blockCount++}` };
      parts.push({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id: open.id });
    }
    parts.push({ type: kind === 'text' ? 'text-delta' : 'reasoning-delta', id: open.id, delta: text });
  }

  function fail(parts: StreamPart[], error: unknown): void {
    parts.push({ type: 'error', error });
    done = true;
  }

  function chunk(parts: StreamPart[], value: OllamaChatChunk): void {
    if (!sentMetadata) {
      sentMetadata = true;
      parts.push({ type: 'response-metadata', id: undefined, modelId: value.model ?? undefined, created: createdSeconds(value.created_at) });
    }
    const message = value.message;
    if (message?.thinking) delta(parts, 'reasoning', message.thinking);
    if (message?.content) delta(parts, 'text', message.content);
    for (const call of message?.tool_calls ?? []) {
      close(parts);
      const id = call.id || answerToolCallId();
      const input = toolInputText(call.function.arguments);
      toolCallCount += 1;
      parts.push({ type: 'tool-input-start', id, toolName: call.function.name });
      parts.push({ type: 'tool-input-delta', id, delta: input });
      parts.push({ type: 'tool-input-end', id });
      parts.push({ type: 'tool-call', toolCallId: id, toolName: call.function.name, input });
    }
    if (value.done === true) {
      close(parts);
      parts.push({ type: 'finish', finishReason: mapOllamaDoneReason(value.done_reason, toolCallCount > 0), usage: mapOllamaUsage(value) });
      done = true;
    }
  }

  function line(parts: StreamPart[], text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return fail(parts, malformedLine(text));
    }
    if (json !== null && typeof json === 'object' && 'error' in json && (json as { error: unknown }).error != null) {
      return fail(parts, ollamaInStreamError((json as { error: unknown }).error));
    }
    const parsed = ollamaChatChunkSchema.safeParse(json);
    if (!parsed.success) return fail(parts, malformedLine(text));
    chunk(parts, parsed.data);
  }

  function run(lines: string[]): StreamPart[] {
    const parts: StreamPart[] = [];
    for (const text of lines) {
      if (done) break;
      line(parts, text);
    }
    return parts;
  }

  return {
    push: (bytes) => (done ? [] : run(ndjson.push(bytes))),
    end() {
      if (done) return [];
      const parts = run(ndjson.end());
      if (!done) fail(parts, ollamaStreamInterrupted());
      return parts;
    },
  };
}
