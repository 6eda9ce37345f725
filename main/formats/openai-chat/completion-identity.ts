/**
 * The `id` of a completion: the upstream's own when it is already a Chat Completions id, else one
 * made from our request id (which the client also sees in `x-request-id`), so logs line up.
 */
export function completionId(upstreamId: string | undefined, requestId: string): string {
  return upstreamId?.startsWith('chatcmpl-') ? upstreamId : `chatcmpl-${requestId}`;
}

/** `created`, in seconds since the epoch, when the upstream did not say. */
export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
