import type { StreamUsageRequest } from '../client-format.js';

const emptyChoices = /"choices"\s*:\s*\[\s*\]/;
const usageObject = /"usage"\s*:\s*\{/;

/**
 * OpenAI streams carry usage only with `stream_options.include_usage`, in one extra chunk with
 * empty `choices` just before `[DONE]`.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-stream_options
 */
export const openAiChatStreamUsage: StreamUsageRequest = {
  withUsage(body) {
    if (body.stream !== true) return undefined;
    const options = body.stream_options;
    const current = options !== null && typeof options === 'object' ? (options as Record<string, unknown>) : {};
    if (current.include_usage === true) return undefined;
    return { ...body, stream_options: { ...current, include_usage: true } };
  },
  isUsageOnlyEvent: (event) => event.startsWith('data:') && emptyChoices.test(event) && usageObject.test(event),
};
