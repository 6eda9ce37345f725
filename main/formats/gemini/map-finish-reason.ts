import type { FinishReason } from '../../spec/index.js';

/** @see https://ai.google.dev/api/generate-content#FinishReason */
const geminiFinishReasons = new Set([
  'STOP',
  'MAX_TOKENS',
  'SAFETY',
  'RECITATION',
  'LANGUAGE',
  'OTHER',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'MALFORMED_FUNCTION_CALL',
  'IMAGE_SAFETY',
  'UNEXPECTED_TOOL_CALL',
  'TOO_MANY_TOOL_CALLS',
]);

/**
 * Gemini's `finishReason` for a canonical finish: a Gemini upstream's own value goes back as is;
 * otherwise tool calls end with `STOP`, as Gemini's do.
 */
export function toGeminiFinishReason(reason: FinishReason): string {
  if (reason.raw !== undefined && geminiFinishReasons.has(reason.raw)) return reason.raw;
  switch (reason.unified) {
    case 'stop':
    case 'tool-calls':
      return 'STOP';
    case 'length':
      return 'MAX_TOKENS';
    case 'content-filter':
      return 'SAFETY';
    case 'error':
    case 'other':
      return 'OTHER';
  }
}
