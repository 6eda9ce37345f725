import { GatewayError } from '../../errors/gateway-error.js';
import type { GenerateResult } from '../../spec/index.js';
import { anthropicMessageSchema } from './anthropic-api.js';
import { mapAnthropicStopReason, stopSequenceMetadata } from './map-anthropic-stop-reason.js';
import { mapAnthropicUsage } from './map-anthropic-usage.js';
import { anthropicThinking, type RememberedThinking } from './thinking-memory.js';

/**
 * A whole Messages answer to the canonical result. Tool input is serialised exactly once (the
 * canonical `input` is JSON text); server tool blocks have no neutral home and are skipped.
 * @see https://docs.anthropic.com/en/api/messages#response-content
 */
export function decodeAnthropicResult(body: unknown): GenerateResult {
  const parsed = anthropicMessageSchema.safeParse(body);
  if (!parsed.success) {
    throw new GatewayError({
      code: 'upstream_error',
      status: 502,
      message: `The upstream answer is not an Anthropic message: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}.`,
      cause: parsed.error,
    });
  }
  const message = parsed.data;
  const content: GenerateResult['content'] = [];
  let thinking: RememberedThinking[] = [];
  for (const block of message.content) {
    switch (block.type) {
      case 'text':
        content.push({ type: 'text', text: block.text });
        break;
      case 'thinking':
        content.push({ type: 'reasoning', text: block.thinking, ...(block.signature ? { signature: block.signature } : {}) });
        if (block.signature) thinking.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
        break;
      case 'redacted_thinking':
        content.push({ type: 'reasoning', text: '', redactedData: block.data });
        thinking.push({ type: 'redacted_thinking', data: block.data });
        break;
      case 'tool_use':
        content.push({ type: 'tool-call', toolCallId: block.id, toolName: block.name, input: JSON.stringify(block.input ?? {}) });
        // For clients that cannot carry signed thinking back (thinking-memory.ts).
        if (thinking.length > 0) anthropicThinking.set(block.id, thinking);
        thinking = [];
        break;
      case 'other':
        break;
    }
  }
  const result: GenerateResult = {
    content,
    finishReason: mapAnthropicStopReason(message.stop_reason),
    usage: mapAnthropicUsage(message.usage),
    response: { id: message.id ?? undefined, modelId: message.model ?? undefined, created: undefined },
  };
  const providerMetadata = stopSequenceMetadata(message.stop_sequence);
  if (providerMetadata !== undefined) result.providerMetadata = providerMetadata;
  return result;
}
