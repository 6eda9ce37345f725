import type { GenerateResult, JsonValue } from '../../spec/index.js';
import type { EncodeContext } from '../client-format.js';
import { completionId, nowInSeconds } from './completion-identity.js';
import { toOpenAiChatUsage, type OpenAiChatUsage } from './encode-openai-chat-usage.js';
import { toOpenAiFinishReason, type OpenAiFinishReason } from './map-finish-reason.js';

export interface ChatCompletionBody {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: [
    {
      index: 0;
      message: {
        role: 'assistant';
        content: string | null;
        reasoning_content?: string;
        tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
        refusal: null;
      };
      logprobs: JsonValue;
      finish_reason: OpenAiFinishReason;
    },
  ];
  usage?: OpenAiChatUsage;
}

/**
 * A whole answer as a `chat.completion`. Text parts join into `content` (null when the answer is
 * only tool calls, as OpenAI sends it); reasoning goes in DeepSeek's `reasoning_content`, which
 * OpenAI-style agents (Cline, Roo, OpenCode) read. Thinking signatures have no place here.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export function encodeOpenAiChatResult(result: GenerateResult, context: EncodeContext): ChatCompletionBody {
  let text = '';
  let reasoning: string | undefined;
  const toolCalls: NonNullable<ChatCompletionBody['choices'][0]['message']['tool_calls']> = [];
  for (const part of result.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') {
      if (part.text !== '') reasoning = (reasoning ?? '') + part.text;
    } else toolCalls.push({ id: part.toolCallId, type: 'function', function: { name: part.toolName, arguments: part.input } });
  }
  const message: ChatCompletionBody['choices'][0]['message'] = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    ...(reasoning === undefined ? {} : { reasoning_content: reasoning }),
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    refusal: null,
  };
  const usage = toOpenAiChatUsage(result.usage);
  return {
    id: completionId(result.response.id, context.requestId),
    object: 'chat.completion',
    created: result.response.created ?? nowInSeconds(),
    model: context.model,
    choices: [
      {
        index: 0,
        message,
        // An OpenAI-family upstream's log probabilities, kept by its adapter; no other family has them.
        logprobs: result.providerMetadata?.openai?.logprobs ?? null,
        finish_reason: toOpenAiFinishReason(result.finishReason, toolCalls.length > 0),
      },
    ],
    ...(usage ? { usage } : {}),
  };
}
