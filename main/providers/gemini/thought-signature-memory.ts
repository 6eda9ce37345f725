import { BoundedMemory } from '../../util/bounded-memory.js';

/**
 * Thought signatures of the function calls Gemini made, by tool call id. Gemini 3 refuses a
 * function call sent back in the history without its signature (400), and only Gemini's own
 * format carries signatures to the client and back: Claude Code, Codex and OpenAI clients return
 * the call with its id alone. So the router remembers each call's signature when the answer goes
 * out and puts it back when the call returns. Bounded (oldest first), in memory only: a router
 * restarted mid-conversation falls back to Gemini's documented bypass (convert-to-gemini-contents).
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export class ThoughtSignatureMemory {
  readonly #signatures: BoundedMemory<string>;

  constructor(maxEntries = 8192, maxChars = 4 * 1024 * 1024) {
    this.#signatures = new BoundedMemory({ maxEntries, maxSize: maxChars }, (signature) => signature.length);
  }

  remember(toolCallId: string, signature: string): void {
    this.#signatures.set(toolCallId, signature);
  }

  recall(toolCallId: string): string | undefined {
    return this.#signatures.get(toolCallId);
  }

  get size(): number {
    return this.#signatures.size;
  }
}

/** The router's memory of signatures, shared by every Gemini account and request. */
export const thoughtSignatures = new ThoughtSignatureMemory();

/**
 * What Gemini documents for a function call whose signature is not known (a history from another
 * model, or from before a restart): it skips the validation instead of refusing the request.
 */
export const unknownThoughtSignature = 'skip_thought_signature_validator';
