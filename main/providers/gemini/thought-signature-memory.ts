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
  readonly #signatures = new Map<string, string>();
  #chars = 0;

  constructor(
    private readonly maxEntries = 8192,
    private readonly maxChars = 8 * 1024 * 1024,
  ) {}

  remember(toolCallId: string, signature: string): void {
    this.forget(toolCallId);
    this.#signatures.set(toolCallId, signature);
    this.#chars += signature.length;
    for (const [oldest, value] of this.#signatures) {
      if (this.#signatures.size <= this.maxEntries && this.#chars <= this.maxChars) break;
      this.#signatures.delete(oldest);
      this.#chars -= value.length;
    }
  }

  recall(toolCallId: string): string | undefined {
    return this.#signatures.get(toolCallId);
  }

  get size(): number {
    return this.#signatures.size;
  }

  private forget(toolCallId: string): void {
    const previous = this.#signatures.get(toolCallId);
    if (previous === undefined) return;
    this.#signatures.delete(toolCallId);
    this.#chars -= previous.length;
  }
}

/** The router's memory of signatures, shared by every Gemini account and request. */
export const thoughtSignatures = new ThoughtSignatureMemory();

/**
 * What Gemini documents for a function call whose signature is not known (a history from another
 * model, or from before a restart): it skips the validation instead of refusing the request.
 */
export const unknownThoughtSignature = 'skip_thought_signature_validator';
