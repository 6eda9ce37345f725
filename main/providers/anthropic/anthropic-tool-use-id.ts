import { createHash } from 'node:crypto';

/** The shape Anthropic accepts for `tool_use.id` and `tool_result.tool_use_id`. */
const validId = /^[a-zA-Z0-9_-]+$/;

/**
 * Anthropic refuses tool_use ids outside `[a-zA-Z0-9_-]`, which other vendors produce (e.g.
 * `functions.get_weather:0`). An id in a request only pairs a call with its result inside that
 * request, and the client never sees it come back, so such an id is rewritten the same way on both
 * sides: invalid characters become `_`, and a hash of the original keeps distinct ids distinct.
 */
export function anthropicToolUseId(id: string): string {
  if (validId.test(id)) return id;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 10);
  return `${id.replace(/[^a-zA-Z0-9_-]/g, '_')}_${hash}`;
}
