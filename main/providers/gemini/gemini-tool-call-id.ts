import { randomBytes } from 'node:crypto';

/**
 * Gemini function calls usually carry no id (newer models may send one, which is kept). Other
 * formats need one to pair a call with its result, so an answer's calls get a fresh random id;
 * `gemini_` marks it as ours, so it is never sent to Gemini as if Gemini had issued it.
 */
export function generatedToolCallId(): string {
  return `gemini_${randomBytes(12).toString('hex')}`;
}
