import { GatewayError } from '../../errors/gateway-error.js';
import type { GenerateResult } from '../../spec/index.js';
import { mapOllamaDoneReason } from './map-ollama-done-reason.js';
import { mapOllamaUsage } from './map-ollama-usage.js';
import { ollamaChatChunkSchema } from './ollama-api.js';
import { answerToolCallId } from './ollama-tool-call-id.js';
import { toolInputText } from './ollama-tool-input.js';

/**
 * A whole `/api/chat` answer (`stream: false`): thinking first, then the text, then the tool
 * calls, each given an id (see ollama-tool-call-id.ts) unless the server named it.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#chat-request-no-streaming
 */
export function decodeOllamaResult(body: unknown): GenerateResult {
  const parsed = ollamaChatChunkSchema.safeParse(body);
  if (!parsed.success || !parsed.data.message) {
    throw new GatewayError({ code: 'upstream_error', status: 502, message: 'The provider answered with a body that is not an Ollama chat response.' });
  }
  const answer = parsed.data;
  const message = parsed.data.message;
  const content: GenerateResult['content'] = [];
  if (message.thinking) content.push({ type: 'reasoning', text: message.thinking });
  if (message.content) content.push({ type: 'text', text: message.content });
  for (const call of message.tool_calls ?? []) {
    content.push({ type: 'tool-call', toolCallId: call.id || answerToolCallId(), toolName: call.function.name, input: toolInputText(call.function.arguments) });
  }
  const hasToolCalls = (message.tool_calls ?? []).length > 0;
  return {
    content,
    finishReason: mapOllamaDoneReason(answer.done_reason, hasToolCalls),
    usage: mapOllamaUsage(answer),
    response: { id: undefined, modelId: answer.model ?? undefined, created: createdSeconds(answer.created_at) },
  };
}

export function createdSeconds(createdAt: string | null | undefined): number | undefined {
  if (!createdAt) return undefined;
  const milliseconds = Date.parse(createdAt);
  return Number.isNaN(milliseconds) ? undefined : Math.floor(milliseconds / 1000);
}
