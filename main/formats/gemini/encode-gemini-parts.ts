import { geminiMetadata, thoughtSignatureOf } from '../../providers/gemini/gemini-provider-metadata.js';
import type { GeminiObject, GeminiPart } from '../../providers/gemini/gemini-api.js';
import type { GenerateResult, ProviderMetadata } from '../../spec/index.js';

/**
 * One canonical answer part as a Gemini part. Reasoning is a `thought` part; a thought signature
 * goes back on the part it came with. A function call carries the canonical id as `id`, which
 * Gemini clients return on the matching `functionResponse`, so ids survive the round trip.
 * @see https://ai.google.dev/api/caching#Part
 */
export function encodeGeminiPart(part: GenerateResult['content'][number]): GeminiPart | undefined {
  switch (part.type) {
    case 'text':
      if (part.text === '' && !thoughtSignatureOf(part.providerMetadata)) return undefined;
      return withSignature({ text: part.text }, part.providerMetadata);
    case 'reasoning':
      if (part.text === '' && !thoughtSignatureOf(part.providerMetadata)) return undefined;
      return withSignature({ text: part.text, thought: true }, part.providerMetadata);
    case 'tool-call':
      return functionCallPart(part.toolCallId, part.toolName, part.input, part.providerMetadata);
  }
}

export function functionCallPart(id: string, name: string, input: string, metadata: ProviderMetadata | undefined): GeminiPart {
  const geminiId = geminiMetadata(metadata).functionCallId;
  return withSignature({ functionCall: { id: typeof geminiId === 'string' ? geminiId : id, name, args: parseArguments(input) } }, metadata);
}

export function withSignature(part: GeminiPart, metadata: ProviderMetadata | undefined): GeminiPart {
  const signature = thoughtSignatureOf(metadata);
  return signature ? { ...part, thoughtSignature: signature } : part;
}

/** Gemini's `args` is an object; input that is not one (it may not even parse) is kept under `input`. */
function parseArguments(input: string): GeminiObject {
  if (input.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(input);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as GeminiObject;
  } catch {
    // Falls through.
  }
  return { input };
}
