import { BoundedMemory } from '../../util/bounded-memory.js';

/** A signed thinking block as Anthropic must get it back: its text and signature, or redacted data. */
export type RememberedThinking = { type: 'thinking'; thinking: string; signature: string } | { type: 'redacted_thinking'; data: string };

/**
 * The signed thinking Anthropic produced before its tool calls, by the first call's id. With
 * thinking on, Anthropic requires the assistant turn of a tool loop to start with that thinking,
 * unchanged; clients of other formats (Codex, Gemini CLI, OpenAI SDKs) send back the calls alone,
 * and thinking then had to be turned off for the rest of the loop. So the router remembers the
 * blocks when the answer goes out and puts them back before the calls when they return. Bounded,
 * in memory only: after a restart, thinking is turned off for that loop as before. Shared by every
 * Anthropic account and request.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
 */
export const anthropicThinking = new BoundedMemory<readonly RememberedThinking[]>({ maxEntries: 4096, maxSize: 4 * 1024 * 1024 }, (blocks) =>
  blocks.reduce((total, block) => total + (block.type === 'thinking' ? block.thinking.length + block.signature.length : block.data.length), 0),
);
