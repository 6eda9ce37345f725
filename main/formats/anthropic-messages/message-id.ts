import { randomHex128 } from '../../util/random-hex.js';

/**
 * The `id` of an answer: the upstream's own when it is an Anthropic message id, so it can be
 * traced at Anthropic; otherwise a fresh one in the same shape, since clients may check the prefix.
 */
export function messageId(upstreamId: string | undefined): string {
  if (upstreamId !== undefined && /^msg_[A-Za-z0-9_-]+$/.test(upstreamId)) return upstreamId;
  return 'msg_' + randomHex128();
}
