import { BoundedMemory } from '../../util/bounded-memory.js';

/**
 * Thought signatures of the function calls Gemini made, by tool call id. Gemini 3 refuses a
 * function call sent back in the history without its signature (400), and only Gemini's own
 * format carries signatures to the client and back: Claude Code, Codex and OpenAI clients return
 * the call with its id alone. So the router remembers each call's signature when the answer goes
 * out and puts it back when the call returns. Bounded (oldest first), in memory only: a router
 * restarted mid-conversation falls back to Gemini's documented bypass (convert-to-gemini-contents).
 * Shared by every Gemini account and request.
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export const thoughtSignatures = new BoundedMemory<string>({ maxEntries: 8192, maxSize: 4 * 1024 * 1024 }, (signature) => signature.length);

/**
 * What Gemini documents for a function call whose signature is not known (a history from another
 * model, or from before a restart): it skips the validation instead of refusing the request.
 */
export const unknownThoughtSignature = 'skip_thought_signature_validator';
