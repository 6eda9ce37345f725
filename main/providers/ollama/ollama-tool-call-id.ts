import { randomBytes } from 'node:crypto';

/**
 * Ollama tool calls have no ids (newer servers may add one, which is then kept), while every other
 * format pairs a result with its call by id. The ids made here:
 * - in a request history, `ollama_call_<message index>_<call index>`: stable, so the same history
 *   always yields the same ids, and unique within the conversation;
 * - in an answer, `call_<24 hex>`: random, since the client keeps them across turns and a
 *   positional id could repeat one from an earlier turn.
 */
export function historyToolCallId(messageIndex: number, callIndex: number): string {
  return `ollama_call_${messageIndex}_${callIndex}`;
}

export function answerToolCallId(): string {
  return `call_${randomBytes(12).toString('hex')}`;
}
