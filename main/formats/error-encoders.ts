import type { ClientFormatId, ErrorEncoder } from './client-format.js';
import { managementErrors } from './management/encode-error.js';
import { openAiChatErrors } from './openai-chat/encode-error.js';

export const errorEncoders: Record<ClientFormatId, ErrorEncoder> = {
  'openai-chat': openAiChatErrors,
  management: managementErrors,
};

/**
 * Which envelope a request's errors use, decided by its path so that even failures before
 * routing (bad Host, bad key, oversized body) reach the client in the format it speaks.
 */
export function formatForPath(path: string): ClientFormatId {
  if (path.startsWith('/api/')) return 'management';
  return 'openai-chat';
}
