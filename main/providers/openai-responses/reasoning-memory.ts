import { BoundedMemory } from '../../util/bounded-memory.js';

/** A reasoning item as it goes back to OpenAI: its id and encrypted content (the summary is not needed). */
export interface RememberedReasoning {
  id: string | undefined;
  encryptedContent: string;
}

/**
 * The reasoning items a Responses upstream produced before its function calls, by the first
 * call's id. OpenAI's reasoning models keep their chain of thought across a tool loop only when
 * those items come back with the call outputs, and clients of other formats (Claude Code, Gemini
 * CLI) send back the calls with their ids alone. So the router remembers the items when the
 * answer goes out and puts them back before the call when it returns. Bounded (oldest first),
 * in memory only: after a restart the model simply starts that reasoning afresh, as OpenAI allows.
 * Shared by every Responses account and request.
 * @see https://platform.openai.com/docs/guides/reasoning#encrypted-reasoning-items
 */
export const responsesReasoning = new BoundedMemory<readonly RememberedReasoning[]>({ maxEntries: 4096, maxSize: 4 * 1024 * 1024 }, reasoningSize);

/** What remembered reasoning weighs against the memory's bound: its encrypted content. */
export function reasoningSize(items: readonly RememberedReasoning[]): number {
  return items.reduce((total, item) => total + item.encryptedContent.length, 0);
}
