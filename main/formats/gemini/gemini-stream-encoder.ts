import { toGatewayError } from '../../errors/gateway-error.js';
import type { GeminiPart } from '../../providers/gemini/gemini-api.js';
import { thoughtSignatureOf } from '../../providers/gemini/gemini-provider-metadata.js';
import type { ProviderMetadata, StreamPart } from '../../spec/index.js';
import type { EncodeContext, StreamEncoder } from '../client-format.js';
import { functionCallPart, withSignature } from './encode-gemini-parts.js';
import { encodeGeminiUsage } from './encode-gemini-usage.js';
import { geminiErrorBody } from './encode-error.js';
import { toGeminiFinishReason } from './map-finish-reason.js';

/**
 * How the stream is framed, chosen by the URL: `?alt=sse` gives one `data:` event per
 * GenerateContentResponse; without it Gemini streams a single JSON array of them.
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
export type GeminiStreamFraming = 'sse' | 'json-array';

/**
 * Canonical parts as Gemini stream chunks: each chunk a GenerateContentResponse with the new
 * parts (text and thought deltas as parts, a function call whole once complete), the last one
 * with `finishReason` and `usageMetadata`. A thought signature rides on the first part of its
 * block (text) or on the closing part (reasoning). An error becomes an `{error}` chunk.
 */
export function createGeminiStreamEncoder(context: EncodeContext, options: { framing: GeminiStreamFraming }): StreamEncoder {
  const sse = options.framing === 'sse';
  let responseId = context.requestId;
  let chunks = 0;
  let closed = false;
  /** Signatures of open text blocks, sent with the block's first part. */
  const pendingSignatures = new Map<string, ProviderMetadata>();

  const frame = (body: unknown): string => {
    const json = JSON.stringify(body);
    chunks += 1;
    if (sse) return `data: ${json}\n\n`;
    return `${chunks === 1 ? '[' : ',\n'}${json}`;
  };
  const chunk = (parts: GeminiPart[], last?: { finishReason: string; usageMetadata: Record<string, number> }): string =>
    frame({
      candidates: [{ content: { role: 'model', parts }, ...(last ? { finishReason: last.finishReason } : {}), index: 0 }],
      ...(last && Object.keys(last.usageMetadata).length > 0 ? { usageMetadata: last.usageMetadata } : {}),
      modelVersion: context.model,
      responseId,
    });
  const textPart = (id: string, part: GeminiPart): GeminiPart => {
    const metadata = pendingSignatures.get(id);
    pendingSignatures.delete(id);
    return withSignature(part, metadata);
  };

  function encode(part: StreamPart): string {
    switch (part.type) {
      case 'response-metadata':
        if (chunks === 0 && part.id) responseId = part.id;
        return '';
      case 'text-start':
        if (thoughtSignatureOf(part.providerMetadata)) pendingSignatures.set(part.id, part.providerMetadata!);
        return '';
      case 'text-delta':
        return part.delta === '' ? '' : chunk([textPart(part.id, { text: part.delta })]);
      case 'text-end':
        // A signed block with no text still has to hand its signature over.
        return pendingSignatures.has(part.id) ? chunk([textPart(part.id, { text: '' })]) : '';
      case 'reasoning-start':
        return '';
      case 'reasoning-delta':
        return part.delta === '' ? '' : chunk([{ text: part.delta, thought: true }]);
      case 'reasoning-end':
        return thoughtSignatureOf(part.providerMetadata) ? chunk([withSignature({ text: '', thought: true }, part.providerMetadata)]) : '';
      case 'tool-input-start':
      case 'tool-input-delta':
      case 'tool-input-end':
        return '';
      case 'tool-call':
        return chunk([functionCallPart(part.toolCallId, part.toolName, part.input, part.providerMetadata)]);
      case 'finish':
        return chunk([{ text: '' }], { finishReason: toGeminiFinishReason(part.finishReason), usageMetadata: encodeGeminiUsage(part.usage, part.providerMetadata) });
      case 'error':
        return frame(geminiErrorBody(toGatewayError(part.error)));
    }
  }

  return {
    contentType: sse ? 'text/event-stream; charset=utf-8' : 'application/json; charset=utf-8',
    encode(part) {
      if (closed) return '';
      if (part.type === 'finish' || part.type === 'error') closed = true;
      return encode(part);
    },
    // The JSON array is closed even after an error chunk, so the body stays valid JSON.
    end: () => (sse ? '' : chunks === 0 ? '[]' : ']'),
  };
}
