import { GatewayError } from '../../errors/gateway-error.js';
import type { GenerateResult, JsonValue } from '../../spec/index.js';
import { mapOpenAiFinishReason } from './map-openai-finish-reason.js';
import { mapOpenAiUsage } from './map-openai-usage.js';
import { openAiCompletionSchema } from './openai-api.js';
import { missingToolCallId } from './tool-call-id.js';

/**
 * A `chat.completion` body to a canonical result: reasoning first (it came first), then the text,
 * then the tool calls with their ids and argument text exactly as sent. Log probabilities, which
 * only an OpenAI client can show, travel in `providerMetadata.openai.logprobs`.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export function decodeOpenAiResult(body: unknown): GenerateResult {
  const parsed = openAiCompletionSchema.safeParse(body);
  const choice = parsed.success ? parsed.data.choices[0] : undefined;
  if (!parsed.success || choice === undefined) {
    throw new GatewayError({
      code: 'upstream_error',
      status: 502,
      message: parsed.success ? 'The provider answered with no choices.' : 'The provider answered with a body that is not a chat completion.',
    });
  }
  const completion = parsed.data;
  const message = choice.message;
  const content: GenerateResult['content'] = [];
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (reasoning) content.push({ type: 'reasoning', text: reasoning });
  if (message.content) content.push({ type: 'text', text: message.content });
  else if (message.refusal) content.push({ type: 'text', text: message.refusal });
  for (const call of message.tool_calls ?? []) {
    if (call.type != null && call.type !== 'function') continue;
    content.push({
      type: 'tool-call',
      toolCallId: call.id || missingToolCallId(),
      toolName: call.function?.name ?? '',
      input: call.function?.arguments ?? '',
    });
  }
  const hasToolCalls = content.some((part) => part.type === 'tool-call');
  const logprobs = choice.logprobs as JsonValue | undefined;
  return {
    content,
    finishReason: mapOpenAiFinishReason(choice.finish_reason, hasToolCalls),
    usage: mapOpenAiUsage(completion.usage),
    response: { id: completion.id ?? undefined, modelId: completion.model ?? undefined, created: completion.created ?? undefined },
    ...(logprobs != null ? { providerMetadata: { openai: { logprobs } } } : {}),
  };
}
