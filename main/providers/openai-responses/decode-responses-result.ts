import { GatewayError } from '../../errors/gateway-error.js';
import { reasoningItemMetadata } from '../../formats/openai-responses/responses-metadata.js';
import type { GenerateResult } from '../../spec/index.js';
import { mapResponsesFinish, mapResponsesUsage, responseObjectSchema, type ResponsesOutputItem } from './responses-api.js';
import { responsesReasoning, type RememberedReasoning } from './reasoning-memory.js';

/**
 * A `response` object to a canonical result, output items in order: reasoning (its id and
 * `encrypted_content` kept for the next turn), message text, function calls with their `call_id`.
 * Hosted tool items have no canonical form and are left out.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export function decodeResponsesResult(body: unknown): GenerateResult {
  const parsed = responseObjectSchema.safeParse(body);
  if (!parsed.success) throw new GatewayError({ code: 'upstream_error', status: 502, message: 'The provider answered with a body that is not a Responses response object.' });
  const response = parsed.data;
  if (response.status === 'failed') {
    throw new GatewayError({ code: 'upstream_error', status: 502, message: response.error?.message ?? 'The provider reported that the response failed.' });
  }
  const output = response.output ?? [];
  rememberReasoning(output);
  const content = output.flatMap(decodeItem);
  return {
    content,
    finishReason: mapResponsesFinish(response, content.some((part) => part.type === 'tool-call')),
    usage: mapResponsesUsage(response.usage),
    response: { id: response.id ?? undefined, modelId: response.model ?? undefined, created: response.created_at ?? undefined },
  };
}

/** Each run of reasoning items, remembered under the id of the function call that follows it. */
function rememberReasoning(output: readonly ResponsesOutputItem[]): void {
  let pending: RememberedReasoning[] = [];
  for (const item of output) {
    if (item.type === 'reasoning' && item.encrypted_content) pending.push({ id: item.id ?? undefined, encryptedContent: item.encrypted_content });
    else if (item.type === 'function_call' && pending.length > 0) {
      if (item.call_id) responsesReasoning.set(item.call_id, pending);
      pending = [];
    }
  }
}

export function decodeItem(item: ResponsesOutputItem): GenerateResult['content'] {
  if (item.type === 'message') {
    const text = (item.content ?? []).map((part) => part.text ?? part.refusal ?? '').join('');
    return text === '' ? [] : [{ type: 'text', text }];
  }
  if (item.type === 'function_call') {
    const metadata = item.id ? { providerMetadata: { 'openai-responses': { itemId: item.id } } } : {};
    return [{ type: 'tool-call', toolCallId: item.call_id ?? '', toolName: item.name ?? '', input: item.arguments ?? '', ...metadata }];
  }
  if (item.type === 'reasoning') {
    const metadata = reasoningItemMetadata(item.id ?? undefined, item.encrypted_content ?? undefined);
    const text = (item.summary ?? []).map((part) => part.text).join('\n\n');
    return [{ type: 'reasoning', text, ...(metadata ? { providerMetadata: metadata } : {}) }];
  }
  return [];
}
