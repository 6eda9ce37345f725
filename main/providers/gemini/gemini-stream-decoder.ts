import type { ProviderMetadata, StreamPart } from '../../spec/index.js';
import type { StreamDecoder } from '../provider-adapter.js';
import { SseDecoder } from '../sse-decoder.js';
import { geminiResponseSchema, type GeminiPart, type GeminiUsage } from './gemini-api.js';
import { geminiStreamError, malformedChunk, streamInterrupted } from './gemini-error.js';
import { geminiPartMetadata } from './gemini-provider-metadata.js';
import { generatedToolCallId } from './gemini-tool-call-id.js';
import { thoughtSignatures } from './thought-signature-memory.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { mapGeminiUsage } from './map-gemini-usage.js';
import { usageMetadata } from './decode-gemini-result.js';

type OpenBlock = { kind: 'text'; id: string } | { kind: 'reasoning'; id: string; signature: string | undefined };

/**
 * Gemini's SSE stream (`alt=sse`: one `data:` GenerateContentResponse per event) to canonical
 * parts. Consecutive text parts form one text block and consecutive thought parts one reasoning
 * block; a text part carrying a `thoughtSignature` opens a new text block whose start holds it,
 * and a thought's signature closes its block. Function calls arrive whole: each becomes a full
 * tool-input lifecycle plus `tool-call`, with Gemini's id or a generated one. `finish` comes once,
 * when the body ends, with the last finish reason and the last `usageMetadata`; a body that ends
 * without a finish reason, an error object, or a malformed event yields an `error` part instead.
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
export function createGeminiStreamDecoder(): StreamDecoder {
  const sse = new SseDecoder();
  let open: OpenBlock | undefined;
  let nextBlock = 0;
  let metadataSent = false;
  let finishReason: string | undefined;
  let blockReason: string | undefined;
  let usage: GeminiUsage | undefined;
  let calledTools = false;
  let state: 'open' | 'done' = 'open';

  function close(parts: StreamPart[]): void {
    if (open?.kind === 'text') parts.push({ type: 'text-end', id: open.id });
    if (open?.kind === 'reasoning') {
      const providerMetadata = geminiPartMetadata({ thoughtSignature: open.signature });
      parts.push({ type: 'reasoning-end', id: open.id, ...(providerMetadata ? { providerMetadata } : {}) });
    }
    open = undefined;
  }

  function startBlock(kind: 'text' | 'reasoning', parts: StreamPart[], providerMetadata?: ProviderMetadata): string {
    close(parts);
    const id = `${kind}-${nextBlock++}`;
    open = kind === 'text' ? { kind, id } : { kind, id, signature: undefined };
    parts.push({ type: `${kind}-start`, id, ...(providerMetadata ? { providerMetadata } : {}) });
    return id;
  }

  function handlePart(part: GeminiPart, parts: StreamPart[]): void {
    const signature = part.thoughtSignature;
    if (part.functionCall) {
      close(parts);
      const call = part.functionCall;
      const id = call.id ?? generatedToolCallId();
      const input = JSON.stringify(call.args ?? {});
      const providerMetadata = geminiPartMetadata({ thoughtSignature: signature, functionCallId: call.id });
      if (signature) thoughtSignatures.set(id, signature);
      calledTools = true;
      parts.push(
        { type: 'tool-input-start', id, toolName: call.name },
        { type: 'tool-input-delta', id, delta: input },
        { type: 'tool-input-end', id },
        { type: 'tool-call', toolCallId: id, toolName: call.name, input, ...(providerMetadata ? { providerMetadata } : {}) },
      );
      return;
    }
    if (part.text === undefined && signature === undefined) return;
    const text = part.text ?? '';
    if (part.thought === true) {
      const id = open?.kind === 'reasoning' ? open.id : startBlock('reasoning', parts);
      if (text !== '') parts.push({ type: 'reasoning-delta', id, delta: text });
      if (signature && open?.kind === 'reasoning') {
        open.signature = signature;
        close(parts);
      }
      return;
    }
    // Gemini's last chunk often carries an empty text part: it opens no block.
    if (text === '' && !signature) return;
    const id = open?.kind === 'text' && !signature ? open.id : startBlock('text', parts, geminiPartMetadata({ thoughtSignature: signature }));
    if (text !== '') parts.push({ type: 'text-delta', id, delta: text });
  }

  function handle(data: string, parts: StreamPart[]): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return fail(parts, malformedChunk(data));
    }
    if (json !== null && typeof json === 'object' && 'error' in json) return fail(parts, geminiStreamError(json));
    const parsed = geminiResponseSchema.safeParse(json);
    if (!parsed.success) return fail(parts, malformedChunk(data));
    const chunk = parsed.data;
    if (!metadataSent) {
      metadataSent = true;
      parts.push({ type: 'response-metadata', id: chunk.responseId, modelId: chunk.modelVersion, created: undefined });
    }
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) handlePart(part, parts);
    finishReason = candidate?.finishReason ?? finishReason;
    blockReason = chunk.promptFeedback?.blockReason ?? blockReason;
    usage = chunk.usageMetadata ?? usage;
  }

  function fail(parts: StreamPart[], error: unknown): void {
    close(parts);
    parts.push({ type: 'error', error });
    state = 'done';
  }

  function run(events: { data: string }[]): StreamPart[] {
    const parts: StreamPart[] = [];
    for (const event of events) {
      if (state !== 'open') break;
      handle(event.data, parts);
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
      if (state !== 'open') return parts;
      state = 'done';
      close(parts);
      if (finishReason === undefined && blockReason === undefined) {
        parts.push({ type: 'error', error: streamInterrupted() });
        return parts;
      }
      const providerMetadata = usageMetadata(usage);
      parts.push({
        type: 'finish',
        finishReason: finishReason === undefined ? { unified: 'content-filter', raw: blockReason } : mapGeminiFinishReason(finishReason, calledTools),
        usage: mapGeminiUsage(usage),
        ...(providerMetadata ? { providerMetadata } : {}),
      });
      return parts;
    },
  };
}
