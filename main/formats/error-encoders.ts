import type { ClientFormatId, ErrorEncoder } from './client-format.js';
import { clientFormats } from './client-formats.js';
import { managementErrors } from './management/encode-error.js';

/** Error envelopes by format: every client format's own, plus the management API's. */
export const errorEncoders: Partial<Record<ClientFormatId, ErrorEncoder>> = {
  'openai-chat': clientFormats['openai-chat'].errors,
  'anthropic-messages': clientFormats['anthropic-messages'].errors,
  management: managementErrors,
};

export type RoutedFormatId = 'openai-chat' | 'anthropic-messages' | 'management';

/**
 * Which envelope a request's errors use, decided by its path so that even failures before
 * routing (bad Host, bad key, oversized body) reach the client in the format it speaks.
 */
export function formatForPath(path: string): RoutedFormatId {
  if (path.startsWith('/v1/messages')) return 'anthropic-messages';
  if (path.startsWith('/api/')) return 'management';
  return 'openai-chat';
}

export function errorEncoderFor(format: ClientFormatId): ErrorEncoder {
  return errorEncoders[format] ?? managementErrors;
}
