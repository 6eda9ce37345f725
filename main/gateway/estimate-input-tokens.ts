import type { ChatRequest } from '../spec/index.js';

/** Typical tokens per UTF-8 byte of English text and code for current tokenizers (about 4 bytes each). */
const bytesPerToken = 4;
/** A flat allowance per image or document: their cost depends on size and model, unknown here. */
const tokensPerFile = 1_000;
/** Role markers and separators each message costs. */
const tokensPerMessage = 4;

/**
 * An estimate of a request's input tokens, for upstreams that cannot count them (OpenAI-family
 * APIs have no counting endpoint). Answers that carry it say it is an estimate; usage figures
 * are never estimated.
 */
export function estimateInputTokens(request: ChatRequest): number {
  let bytes = 0;
  let fixed = 0;
  for (const message of request.messages) {
    fixed += tokensPerMessage;
    for (const part of message.content) {
      switch (part.type) {
        case 'text':
        case 'reasoning':
          bytes += Buffer.byteLength(part.text);
          break;
        case 'file':
          fixed += tokensPerFile;
          break;
        case 'tool-call':
          bytes += Buffer.byteLength(part.toolName) + Buffer.byteLength(part.input);
          break;
        case 'tool-result':
          for (const output of part.output) {
            if (output.type === 'text') bytes += Buffer.byteLength(output.text);
            else fixed += tokensPerFile;
          }
          break;
      }
    }
  }
  for (const tool of request.tools) bytes += Buffer.byteLength(JSON.stringify(tool));
  return fixed + Math.ceil(bytes / bytesPerToken);
}
