import type { FinishReason } from '../../spec/index.js';

const contentFilterReasons = new Set(['SAFETY', 'RECITATION', 'LANGUAGE', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'OTHER_BLOCK']);
const failedToolCallReasons = new Set(['MALFORMED_FUNCTION_CALL', 'UNEXPECTED_TOOL_CALL', 'TOO_MANY_TOOL_CALLS']);

/**
 * Gemini's `finishReason` (or a prompt's `blockReason`) in neutral terms. Gemini says `STOP` when
 * it calls functions too, so whether the turn called tools decides `tool-calls`.
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
export function mapGeminiFinishReason(raw: string | undefined, calledTools: boolean): FinishReason {
  if (raw === 'STOP') return { unified: calledTools ? 'tool-calls' : 'stop', raw };
  if (raw === 'MAX_TOKENS') return { unified: 'length', raw };
  if (raw !== undefined && contentFilterReasons.has(raw)) return { unified: 'content-filter', raw };
  if (raw !== undefined && failedToolCallReasons.has(raw)) return { unified: 'error', raw };
  return { unified: calledTools ? 'tool-calls' : 'other', raw };
}
