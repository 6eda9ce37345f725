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
 * @see https://platform.openai.com/docs/guides/reasoning#encrypted-reasoning-items
 */
export class ReasoningMemory {
  readonly #items: BoundedMemory<readonly RememberedReasoning[]>;

  constructor(maxEntries = 4096, maxChars = 4 * 1024 * 1024) {
    this.#items = new BoundedMemory({ maxEntries, maxSize: maxChars }, (items) => items.reduce((total, item) => total + item.encryptedContent.length, 0));
  }

  remember(callId: string, items: readonly RememberedReasoning[]): void {
    if (items.length > 0 && callId !== '') this.#items.set(callId, [...items]);
  }

  recall(callId: string): readonly RememberedReasoning[] | undefined {
    return this.#items.get(callId);
  }
}

/** The router's memory, shared by every Responses account and request. */
export const responsesReasoning = new ReasoningMemory();
