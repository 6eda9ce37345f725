import type { ClientFormat } from '../client-format.js';
import { applyOpenAiChatPolicies } from './apply-request-policies.js';
import { decodeOpenAiChatRequest } from './decode-openai-chat-request.js';
import { openAiChatErrors } from './encode-error.js';
import { encodeOpenAiChatResult } from './encode-openai-chat-result.js';
import { createOpenAiChatStreamEncoder } from './openai-chat-stream-encoder.js';
import { openAiChatStreamUsage } from './stream-usage.js';

/**
 * OpenAI Chat Completions as a client format (`POST /v1/chat/completions`).
 * @see https://platform.openai.com/docs/api-reference/chat
 */
export const openAiChatFormat: ClientFormat = {
  id: 'openai-chat',
  errors: openAiChatErrors,
  decodeRequest: decodeOpenAiChatRequest,
  encodeResult: encodeOpenAiChatResult,
  createStreamEncoder: createOpenAiChatStreamEncoder,
  streamUsage: openAiChatStreamUsage,
  applyRequestPolicies: applyOpenAiChatPolicies,
};
