import type { ClientFormat } from '../client-format.js';
import { applyAnthropicPolicies } from './apply-request-policies.js';
import { AnthropicStreamEncoder } from './anthropic-stream-encoder.js';
import { decodeAnthropicRequest } from './decode-anthropic-request.js';
import { encodeAnthropicResult } from './encode-anthropic-result.js';
import { anthropicMessagesErrors } from './encode-error.js';
import { checkAnthropicTranslatable } from './untranslatable.js';

/**
 * The Anthropic Messages API as a client format (`/v1/messages`): what Claude Code and the
 * Anthropic SDKs speak.
 * @see https://docs.anthropic.com/en/api/messages
 */
export const anthropicMessagesFormat: ClientFormat = {
  id: 'anthropic-messages',
  errors: anthropicMessagesErrors,
  decodeRequest: decodeAnthropicRequest,
  encodeResult: encodeAnthropicResult,
  createStreamEncoder: (context) => new AnthropicStreamEncoder(context),
  checkTranslatable: (request, upstream) => checkAnthropicTranslatable(request, `provider '${upstream}'`),
  applyRequestPolicies: applyAnthropicPolicies,
  // Claude Code turns features on with beta headers, and the SDKs pin an API version; an Anthropic
  // upstream needs both to accept the fields the body carries (context_management, ...).
  passthroughHeaders: ['anthropic-version', 'anthropic-beta'],
};
