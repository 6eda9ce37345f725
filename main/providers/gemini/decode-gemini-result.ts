import { GatewayError } from '../../errors/gateway-error.js';
import type { GenerateResult, ProviderMetadata } from '../../spec/index.js';
import { geminiResponseSchema, type GeminiPart, type GeminiUsage } from './gemini-api.js';
import { geminiMetadataKey, geminiPartMetadata } from './gemini-provider-metadata.js';
import { generatedToolCallId } from './gemini-tool-call-id.js';
import { thoughtSignatures } from './thought-signature-memory.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { mapGeminiUsage } from './map-gemini-usage.js';

/**
 * A whole `GenerateContentResponse` to the canonical result, from its first candidate. Thought
 * parts become reasoning; every `thoughtSignature` stays on its part in `providerMetadata.gemini`;
 * function calls get Gemini's id when it sent one, a generated one otherwise (gemini-tool-call-id.ts).
 * A prompt blocked before any candidate finishes as `content-filter` with the block reason.
 * @see https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
 */
export function decodeGeminiResult(body: unknown): GenerateResult {
  const parsed = geminiResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new GatewayError({
      code: 'upstream_error',
      status: 502,
      message: `The upstream answer is not a Gemini GenerateContentResponse: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}.`,
      cause: parsed.error,
    });
  }
  const response = parsed.data;
  const candidate = response.candidates?.[0];
  const content = (candidate?.content?.parts ?? []).flatMap(decodePart);
  const calledTools = content.some((part) => part.type === 'tool-call');
  const raw = candidate?.finishReason ?? response.promptFeedback?.blockReason;
  const providerMetadata = usageMetadata(response.usageMetadata);
  return {
    content,
    finishReason: candidate === undefined && raw !== undefined ? { unified: 'content-filter', raw } : mapGeminiFinishReason(raw, calledTools),
    usage: mapGeminiUsage(response.usageMetadata),
    response: { id: response.responseId, modelId: response.modelVersion, created: undefined },
    ...(providerMetadata ? { providerMetadata } : {}),
  };
}

/** Gemini's own usage object, so a Gemini client gets back exactly the figures Gemini reported. */
export function usageMetadata(usage: GeminiUsage | undefined): ProviderMetadata | undefined {
  return usage ? { [geminiMetadataKey]: { usageMetadata: JSON.parse(JSON.stringify(usage)) } } : undefined;
}

function decodePart(part: GeminiPart): GenerateResult['content'] {
  const signature = part.thoughtSignature;
  if (part.functionCall) {
    const call = part.functionCall;
    const metadata = geminiPartMetadata({ thoughtSignature: signature, functionCallId: call.id });
    const toolCallId = call.id ?? generatedToolCallId();
    if (signature) thoughtSignatures.set(toolCallId, signature);
    return [
      {
        type: 'tool-call',
        toolCallId,
        toolName: call.name,
        input: JSON.stringify(call.args ?? {}),
        ...(metadata ? { providerMetadata: metadata } : {}),
      },
    ];
  }
  if (part.text === undefined && signature === undefined) return [];
  const metadata = geminiPartMetadata({ thoughtSignature: signature });
  const text = part.text ?? '';
  return [{ type: part.thought === true ? 'reasoning' : 'text', text, ...(metadata ? { providerMetadata: metadata } : {}) }];
}
